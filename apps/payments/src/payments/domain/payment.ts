/** Ledger states. Only CAPTURED moves on (to REFUNDED); the others are final. */
export const PAYMENT_STATUSES = ['CAPTURED', 'DECLINED', 'REFUNDED', 'VOIDED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** An amount in the currency's minor unit (cents), never a float. */
export interface Money {
  currencyCode: string;
  amountMinor: number;
}

export interface StatusChange {
  status: PaymentStatus;
  at: Date;
  reason: string;
  /** Subject of the caller whose request made the change (audit only). */
  by: string;
}

/**
 * One ledger entry per order, keyed by the order id. A VOIDED tombstone has no customer and no
 * amount: it records that the order was undone before any charge reached the ledger.
 */
export interface Payment {
  orderId: string;
  customerId: string;
  amount?: Money;
  status: PaymentStatus;
  reason: string;
  history: StatusChange[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ChargeRequest {
  orderId: string;
  customerId: string;
  amount: Money;
}

export interface ChargeDecision {
  status: 'CAPTURED' | 'DECLINED';
  reason: string;
}

export function newCharge(
  request: ChargeRequest,
  decision: ChargeDecision,
  by: string,
  at: Date,
): Payment {
  return {
    orderId: request.orderId,
    customerId: request.customerId,
    amount: { ...request.amount },
    status: decision.status,
    reason: decision.reason,
    history: [{ status: decision.status, at, reason: decision.reason, by }],
    createdAt: at,
    updatedAt: at,
  };
}

export function voidedTombstone(orderId: string, reason: string, by: string, at: Date): Payment {
  return {
    orderId,
    customerId: '',
    status: 'VOIDED',
    reason,
    history: [{ status: 'VOIDED', at, reason, by }],
    createdAt: at,
    updatedAt: at,
  };
}
