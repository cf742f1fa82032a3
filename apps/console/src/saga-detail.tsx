import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { dateTime, duration, money } from './format.js';
import { PaymentEntryView } from './payment-entry.js';
import { hrefOf, type Route } from './route.js';
import { SagaActions } from './saga-actions.js';
import { StatusBadge } from './status-badge.js';
import { Timeline } from './timeline.js';
import type { SagaDetail as Detail } from './types.js';
import { usePoll } from './use-poll.js';

/** One saga, live: its state, the actions when STUCK, its timeline, order and payment. */
export function SagaDetail(props: {
  sagaId: string;
  route: Route;
  token: string;
  intervalMs: number;
  traceUrl: string;
}) {
  const { sagaId, route } = props;
  const detail = usePoll(
    (signal) => api<Detail>(`/console/api/sagas/${sagaId}`, { token: props.token, signal }),
    sagaId,
    props.intervalMs,
  );
  const [message, setMessage] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setMessage(undefined);
    heading.current?.focus();
  }, [sagaId]);

  const view = detail.data;
  const closeHref = hrefOf({ ...route, sagaId: null });
  return (
    <section class="detail-pane" aria-labelledby="detail-heading">
      <div class="detail-top">
        <h2 id="detail-heading" tabIndex={-1} ref={heading}>
          Saga <code>{sagaId}</code>
        </h2>
        <a href={closeHref} class="close">
          Close<span class="visually-hidden"> saga details</span>
        </a>
      </div>
      {detail.error && !view && <p class="error-text">Could not load: {detail.error.message}</p>}
      {!view && !detail.error && <p class="muted">Loading…</p>}
      {view && (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={view.saga.status} overdue={view.saga.overdue} />
            </dd>
            <dt>Type</dt>
            <dd>
              {view.saga.type} <span class="muted">v{view.saga.version}</span>
            </dd>
            <dt>Step</dt>
            <dd>
              {view.saga.step} ({view.saga.attempts} attempts
              {view.saga.ending ? `, ending ${view.saga.ending}` : ''})
            </dd>
            <dt>{view.saga.took_ms === null ? 'Age' : 'Took'}</dt>
            <dd>
              {duration(view.saga.took_ms ?? view.saga.age_ms)}{' '}
              <span class="muted">(started {dateTime(view.saga.created_at)})</span>
            </dd>
          </dl>
          {/* A finished saga's errors are history: its timeline shows them where they happened. */}
          {view.saga.last_error && view.saga.took_ms === null && (
            <>
              <h3>Last recorded error</h3>
              <pre class="tl-error">{view.saga.last_error}</pre>
            </>
          )}
          <h3>Actions</h3>
          <p role="status" class="action-message">
            {message}
          </p>
          {view.saga.status === 'STUCK' ? (
            <SagaActions
              saga={view.saga}
              token={props.token}
              onDone={(text) => {
                setMessage(text);
                detail.refresh();
              }}
            />
          ) : (
            <p class="muted">Only a STUCK saga can be retried or resolved by hand.</p>
          )}
          <h3>Timeline</h3>
          <Timeline
            saga={view.saga}
            rows={view.timeline}
            now={Date.parse(view.server_time)}
            traceUrl={props.traceUrl}
          />
          <h3>Order</h3>
          {view.order ? (
            <dl class="facts">
              <dt>Id</dt>
              <dd>
                <code>{view.order.id}</code>
              </dd>
              <dt>Status</dt>
              <dd>
                {view.order.status}
                {view.order.status_reason && (
                  <span class="muted"> ({view.order.status_reason})</span>
                )}
              </dd>
              <dt>Amount</dt>
              <dd>{money(view.order.amount)}</dd>
              <dt>Customer</dt>
              <dd>
                <code>{view.order.customer_id}</code>
              </dd>
              {view.order.description && (
                <>
                  <dt>Description</dt>
                  <dd>{view.order.description}</dd>
                </>
              )}
            </dl>
          ) : (
            <p class="muted">The order is missing.</p>
          )}
          <h3>Payment</h3>
          <PaymentEntryView payment={view.payment} />
          {view.related_sagas.length > 1 && (
            <>
              <h3>Sagas of this order</h3>
              <ul>
                {view.related_sagas.map((saga) => (
                  <li key={saga.id}>
                    <a
                      href={hrefOf({ ...route, sagaId: saga.id })}
                      aria-current={saga.id === sagaId ? 'page' : undefined}
                    >
                      {saga.type}
                    </a>{' '}
                    <StatusBadge status={saga.status} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
