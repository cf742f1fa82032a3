import { dateTime, money } from './format.js';
import type { PaymentView } from './types.js';

/** The order's entry in the payments ledger, as payments reports it right now. */
export function PaymentEntryView(props: { payment: PaymentView }) {
  const { payment } = props;
  if (payment.state === 'unavailable') {
    return (
      <p class="warning" role="note">
        Payments is unavailable, so the ledger entry cannot be shown: {payment.reason}
      </p>
    );
  }
  if (payment.state === 'none') return <p class="muted">Payments has no entry for this order.</p>;
  const { entry } = payment;
  return (
    <>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <span class={`badge payment-${entry.status.toLowerCase()}`}>{entry.status}</span>
        </dd>
        <dt>Amount</dt>
        <dd>{money(entry.amount)}</dd>
        {entry.reason && (
          <>
            <dt>Reason</dt>
            <dd>{entry.reason}</dd>
          </>
        )}
        <dt>Updated</dt>
        <dd>{dateTime(entry.updated_at)}</dd>
      </dl>
      {entry.history.length > 0 && (
        <ol class="history" aria-label="Payment history">
          {entry.history.map((change, i) => (
            <li key={i}>
              {dateTime(change.at)}: <strong>{change.status}</strong>
              {change.reason && <span class="muted"> ({change.reason})</span>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
