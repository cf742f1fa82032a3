import type { Payment } from './payment.js';

/**
 * What a refund does to an order's ledger entry: void an order never charged (so a late charge is
 * refused), refund a capture, and leave everything else as it is (a repeated refund, a decline
 * with nothing to undo, an existing tombstone), which makes refunds idempotent.
 */
export type RefundPlan = { action: 'void' } | { action: 'refund' | 'unchanged'; payment: Payment };

export function refundPlan(existing: Payment | null): RefundPlan {
  if (existing === null) return { action: 'void' };
  return { action: existing.status === 'CAPTURED' ? 'refund' : 'unchanged', payment: existing };
}

export const DEFAULT_REFUND_REASON = 'refund requested';
