import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Payment, StatusChange } from '../domain/payment.js';
import { PAYMENT_MODEL, type PaymentRecord } from './payment.schema.js';
import {
  claimToChange,
  REFUND_CLAIM_MODEL,
  type RefundClaimRecord,
} from './refund-claim.schema.js';

export interface RefundClaim {
  /** True for the one refund whose claim was inserted. */
  won: boolean;
  /** The winning refund, which every concurrent refunder applies. */
  change: StatusChange;
}

export interface VoidResult {
  created: boolean;
  /** The tombstone, or the entry that was there first. */
  payment: Payment | null;
}

const DUPLICATE_KEY = 11000;
/**
 * Inserts skip mongoose's document casting and validation (`lean`): records are built from
 * domain types that already guarantee their shape, and casting cost payments more than twice the
 * CPU of the insert itself (docs/performance.md, "One write path").
 */
const AS_BUILT = { lean: true } as const;

/**
 * The ledger's store, through the mongoose models only. Every operation is on one document and
 * filters by `_id` (the order id) alone: a filter that is just the primary key is the one a
 * MongoDB-wire server can answer from its index (FerretDB's SQLite backend scans the whole table
 * for any other filter; its PostgreSQL backend needs the index scripts/ci/ferretdb-id-index.sql
 * adds). Races are decided by that unique key: the charge, the VOIDED tombstone and the refund
 * claim are inserts, so of concurrent writers exactly one wins.
 */
@Injectable()
export class PaymentRepository {
  constructor(
    @InjectModel(PAYMENT_MODEL) private readonly model: Model<PaymentRecord>,
    @InjectModel(REFUND_CLAIM_MODEL) private readonly claims: Model<RefundClaimRecord>,
  ) {}

  async find(orderId: string): Promise<Payment | null> {
    const record = await this.model.findById(orderId).lean<PaymentRecord>().exec();
    return record ? toPayment(record) : null;
  }

  /** Inserts a new entry; false when the order already has one (the unique `_id` decides). */
  async insert(payment: Payment): Promise<boolean> {
    return insertUnlessPresent(() => this.model.insertMany([toRecord(payment)], AS_BUILT));
  }

  /** Claims the refund of an order for `change`, or returns the claim that got there first. */
  async claimRefund(orderId: string, change: StatusChange): Promise<RefundClaim> {
    const claim: RefundClaimRecord = {
      _id: orderId,
      reason: change.reason,
      at: change.at,
      by: change.by,
    };
    if (await insertUnlessPresent(() => this.claims.insertMany([claim], AS_BUILT))) {
      return { won: true, change };
    }
    const first = await this.claims.findById(orderId).lean<RefundClaimRecord>().exec();
    // Claims are never deleted, so a duplicate key always has a claim to read.
    if (!first) throw new Error(`refund claim of ${orderId} vanished after a duplicate key`);
    return { won: false, change: claimToChange(first) };
  }

  /**
   * Marks a CAPTURED entry REFUNDED by its claimed change. No status condition: only CAPTURED
   * ever moves, and only to REFUNDED, so an entry read CAPTURED is CAPTURED or already refunded
   * by this same claim; every racer writes the claim's content, and `$addToSet` records it once.
   */
  async applyRefund(orderId: string, change: StatusChange): Promise<Payment> {
    const record = await this.model
      .findOneAndUpdate(
        { _id: orderId },
        {
          $set: { status: 'REFUNDED', reason: change.reason, updatedAt: change.at },
          $addToSet: { history: toChangeRecord(change) },
        },
        { returnDocument: 'after' },
      )
      .lean<PaymentRecord>()
      .exec();
    if (!record) throw new Error(`payment ${orderId} vanished while it was refunded`);
    return toPayment(record);
  }

  /** Records the tombstone unless the order has an entry already (the unique `_id` decides). */
  async voidIfAbsent(tombstone: Payment): Promise<VoidResult> {
    if (await this.insert(tombstone)) return { created: true, payment: tombstone };
    return { created: false, payment: await this.find(tombstone.orderId) };
  }
}

async function insertUnlessPresent(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === DUPLICATE_KEY
  );
}

/** Fields in one fixed order: `$addToSet` compares embedded documents field by field, in order. */
function toChangeRecord(change: StatusChange): StatusChange {
  return { status: change.status, at: change.at, reason: change.reason, by: change.by };
}

function toRecord(payment: Payment): PaymentRecord {
  const { orderId, amount, history, ...rest } = payment;
  return { _id: orderId, ...rest, amount: amount ?? null, history: history.map(toChangeRecord) };
}

function toPayment(record: PaymentRecord): Payment {
  const { _id, amount, ...rest } = record;
  return {
    ...rest,
    orderId: _id,
    ...(amount
      ? { amount: { currencyCode: amount.currencyCode, amountMinor: amount.amountMinor } }
      : {}),
    history: record.history.map(toChangeRecord),
  };
}
