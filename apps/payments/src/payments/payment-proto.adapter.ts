import { paymentsV1, toTimestamp } from '#contracts';
import type { Payment, PaymentStatus } from './domain/payment.js';

// Edge adapter: domain ↔ wire shapes (Timestamps through #contracts' one conversion).

const PROTO_STATUS: Record<PaymentStatus, paymentsV1.PaymentStatus> = {
  CAPTURED: paymentsV1.PaymentStatus.PAYMENT_STATUS_CAPTURED,
  DECLINED: paymentsV1.PaymentStatus.PAYMENT_STATUS_DECLINED,
  REFUNDED: paymentsV1.PaymentStatus.PAYMENT_STATUS_REFUNDED,
  VOIDED: paymentsV1.PaymentStatus.PAYMENT_STATUS_VOIDED,
};

export function toProtoPayment(payment: Payment): paymentsV1.Payment {
  return {
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: payment.amount
      ? { currencyCode: payment.amount.currencyCode, amountMinor: payment.amount.amountMinor }
      : undefined,
    status: PROTO_STATUS[payment.status],
    reason: payment.reason,
    history: payment.history.map((change) => ({
      status: PROTO_STATUS[change.status],
      at: toTimestamp(change.at),
      reason: change.reason,
    })),
    createdAt: toTimestamp(payment.createdAt),
    updatedAt: toTimestamp(payment.updatedAt),
  };
}
