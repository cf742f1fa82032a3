import type { ChargeRequest, Payment } from './payment.js';
import {
  PaymentMismatchError,
  PaymentRefundedError,
  PaymentVoidedError,
} from './payment.errors.js';

/**
 * What a ProcessPayment returns when the order already has a ledger entry: the first outcome for
 * a true retry, a refusal otherwise. Never a second charge.
 */
export function replayCharge(existing: Payment, request: ChargeRequest): Payment {
  if (existing.status === 'VOIDED') throw new PaymentVoidedError(existing.orderId);
  const mismatch = differingField(existing, request);
  if (mismatch) throw new PaymentMismatchError(existing.orderId, mismatch);
  if (existing.status === 'REFUNDED') throw new PaymentRefundedError(existing.orderId);
  return existing;
}

function differingField(existing: Payment, request: ChargeRequest): string | undefined {
  if (existing.customerId !== request.customerId) return 'customer';
  if (existing.amount?.currencyCode !== request.amount.currencyCode) return 'currency';
  if (existing.amount?.amountMinor !== request.amount.amountMinor) return 'amount';
  return undefined;
}
