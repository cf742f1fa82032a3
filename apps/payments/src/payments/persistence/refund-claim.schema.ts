import { Schema } from 'mongoose';
import type { StatusChange } from '../domain/payment.js';

export const REFUND_CLAIM_MODEL = 'RefundClaim';

/**
 * The first refund of a capture, keyed by order id. Inserting it is the one atomic decision
 * between concurrent refunds on every MongoDB-wire server (FerretDB 1.x runs a conditional
 * findOneAndUpdate as read, modify, unconditional write, so it cannot decide a race). Every
 * refunder then writes the winning claim's content, which makes the refund update idempotent.
 */
export interface RefundClaimRecord {
  _id: string;
  reason: string;
  at: Date;
  by: string;
}

export const refundClaimSchema = new Schema<RefundClaimRecord>(
  {
    _id: { type: String, required: true },
    reason: { type: String, default: '' },
    at: { type: Date, required: true },
    by: { type: String, default: '' },
  },
  { collection: 'refund_claims', versionKey: false, strict: 'throw' },
);

export function claimToChange(claim: RefundClaimRecord): StatusChange {
  return { status: 'REFUNDED', at: claim.at, reason: claim.reason, by: claim.by };
}
