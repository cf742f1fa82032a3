import type { Money } from '../orders/domain/order.js';

export interface ChargeRequest {
  orderId: string;
  customerId: string;
  amount: Money;
}

export type ChargeResult = { status: 'captured' } | { status: 'declined'; reason: string };

export type RefundResult = { status: 'refunded' | 'voided' | 'declined' };

/**
 * The saga's view of payments. Both calls are idempotent by order id. `credentials` is the
 * caller's bearer token when there is one; otherwise the adapter uses the service's own.
 */
export interface PaymentsPort {
  charge(request: ChargeRequest, credentials?: string): Promise<ChargeResult>;
  refund(orderId: string, reason: string, credentials?: string): Promise<RefundResult>;
}

export const PAYMENTS_PORT = Symbol('PAYMENTS_PORT');

/** The call may or may not have reached payments (deadline exceeded, connection lost). */
export class PaymentOutcomeUnknownError extends Error {
  override readonly name = 'PaymentOutcomeUnknownError';
}

/** Payments answered and surely did nothing (refused, unavailable before sending, bad input). */
export class PaymentFailedError extends Error {
  override readonly name = 'PaymentFailedError';
}
