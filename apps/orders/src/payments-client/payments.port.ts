/** An amount as payments takes it: ISO 4217 code and minor units (never floats). */
export interface Money {
  currencyCode: string;
  amountMinor: number;
}

export interface ChargeRequest {
  orderId: string;
  customerId: string;
  amount: Money;
}

export type ChargeResult = { status: 'captured' } | { status: 'declined'; reason: string };

export type RefundResult = { status: 'refunded' | 'voided' | 'declined' };

export type LedgerStatus = 'CAPTURED' | 'DECLINED' | 'REFUNDED' | 'VOIDED' | 'UNSPECIFIED';

/** An order's entry in the payments ledger, as payments reports it. */
export interface PaymentEntry {
  orderId: string;
  customerId: string;
  amount: Money | null;
  status: LedgerStatus;
  reason: string;
  history: { status: LedgerStatus; at: Date | null; reason: string }[];
  createdAt: Date | null;
  updatedAt: Date | null;
}

/**
 * The saga's (and the console's) view of payments. Every call is idempotent by order id.
 * `credentials` is the token of the person the call is for, when there is one: charges and
 * refunds go with orders' service token and this one on whose behalf (payments-call-identity.ts);
 * a read goes as that person. Without one, orders' service identity alone is used.
 */
export interface PaymentsPort {
  charge(request: ChargeRequest, credentials?: string): Promise<ChargeResult>;
  refund(orderId: string, reason: string, credentials?: string): Promise<RefundResult>;
  /** The ledger entry of an order, null when payments has none. A read: never retried. */
  get(orderId: string, credentials?: string): Promise<PaymentEntry | null>;
}

export const PAYMENTS_PORT = Symbol('PAYMENTS_PORT');
