import { fromTimestamp, paymentsV1, type timestampPb } from '#contracts';
import type { LedgerStatus, PaymentEntry } from './payments.port.js';

const { PaymentStatus } = paymentsV1;

const STATUS: Record<number, LedgerStatus> = {
  [PaymentStatus.PAYMENT_STATUS_CAPTURED]: 'CAPTURED',
  [PaymentStatus.PAYMENT_STATUS_DECLINED]: 'DECLINED',
  [PaymentStatus.PAYMENT_STATUS_REFUNDED]: 'REFUNDED',
  [PaymentStatus.PAYMENT_STATUS_VOIDED]: 'VOIDED',
};

const statusOf = (status: paymentsV1.PaymentStatus): LedgerStatus =>
  STATUS[status] ?? 'UNSPECIFIED';

function dateOf(timestamp: timestampPb.Timestamp | undefined): Date | null {
  return timestamp ? fromTimestamp(timestamp) : null;
}

/** The wire's Payment as the port's PaymentEntry: enum names, Dates, Money without proto types. */
export function toPaymentEntry(payment: paymentsV1.Payment): PaymentEntry {
  return {
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: payment.amount
      ? { currencyCode: payment.amount.currencyCode, amountMinor: payment.amount.amountMinor }
      : null,
    status: statusOf(payment.status),
    reason: payment.reason,
    history: payment.history.map((change) => ({
      status: statusOf(change.status),
      at: dateOf(change.at),
      reason: change.reason,
    })),
    createdAt: dateOf(payment.createdAt),
    updatedAt: dateOf(payment.updatedAt),
  };
}
