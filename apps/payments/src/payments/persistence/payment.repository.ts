import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Collection, Model, ModifyResult } from 'mongoose';
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
  /** The tombstone, or the entry that won the race (null only if the store raced the reply). */
  payment: Payment | null;
}

const DUPLICATE_KEY = 11000;

/**
 * The ledger's store. Every write is one single-document operation keyed by the order id (`_id`);
 * races are decided by that unique key (inserts, upserts), never by a read then a blind write.
 */
@Injectable()
export class PaymentRepository {
  /** The model's collection, typed by its record (string `_id`) for driver-level writes. */
  private readonly records: Collection<PaymentRecord>;

  constructor(
    @InjectModel(PAYMENT_MODEL) private readonly model: Model<PaymentRecord>,
    @InjectModel(REFUND_CLAIM_MODEL) private readonly claims: Model<RefundClaimRecord>,
  ) {
    this.records = model.db.collection<PaymentRecord>(model.collection.collectionName);
  }

  async find(orderId: string): Promise<Payment | null> {
    const record = await this.model.findById(orderId).lean<PaymentRecord>().exec();
    return record ? toPayment(record) : null;
  }

  /**
   * Inserts a new entry; false when the order already has one (the unique `_id` decides). Goes
   * straight to the driver: the record is built from a domain Payment, so mongoose's document
   * casting and validation repeat what the types already ensure, and cost a fifth of payments'
   * CPU per charge in the profile (docs/performance.md).
   */
  async insert(payment: Payment): Promise<boolean> {
    try {
      await this.records.insertOne(toRecord(payment));
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Claims the refund of an order for `change`, or returns the claim that got there first. */
  async claimRefund(orderId: string, change: StatusChange): Promise<RefundClaim> {
    try {
      await this.claims.create({
        _id: orderId,
        reason: change.reason,
        at: change.at,
        by: change.by,
      });
      return { won: true, change };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const claim = await this.claims.findById(orderId).lean<RefundClaimRecord>().exec();
    // Claims are never deleted, so a duplicate key always has a claim to read.
    if (!claim) throw new Error(`refund claim of ${orderId} vanished after a duplicate key`);
    return { won: false, change: claimToChange(claim) };
  }

  /**
   * CAPTURED → REFUNDED as one conditional update; null when the entry was not CAPTURED. Atomic on
   * MongoDB; FerretDB 1.x may let concurrent callers all through, which is harmless only because
   * they all write the same claimed change (see refund-claim.schema.ts).
   */
  async refundIfCaptured(orderId: string, change: StatusChange): Promise<Payment | null> {
    const record = await this.model
      .findOneAndUpdate(
        { _id: orderId, status: 'CAPTURED' },
        {
          $set: { status: 'REFUNDED', reason: change.reason, updatedAt: change.at },
          $push: { history: change },
        },
        { returnDocument: 'after' },
      )
      .lean<PaymentRecord>()
      .exec();
    return record ? toPayment(record) : null;
  }

  /** Records the tombstone unless the order has an entry already (upsert with $setOnInsert). */
  async voidIfAbsent(tombstone: Payment): Promise<VoidResult> {
    const { _id, ...fields } = toRecord(tombstone);
    try {
      const result = await this.model
        .findOneAndUpdate(
          { _id },
          { $setOnInsert: fields },
          { upsert: true, returnDocument: 'after', includeResultMetadata: true },
        )
        .lean<ModifyResult<PaymentRecord>>()
        .exec();
      const created = result.lastErrorObject?.updatedExisting === false;
      return { created, payment: result.value ? toPayment(result.value) : null };
    } catch (error) {
      // Concurrent upserts of one key: the loser gets E11000 and the winner's entry stands.
      if (isDuplicateKey(error)) return { created: false, payment: null };
      throw error;
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === DUPLICATE_KEY
  );
}

function toRecord(payment: Payment): PaymentRecord {
  const { orderId, amount, ...rest } = payment;
  return { _id: orderId, ...rest, amount: amount ?? null };
}

function toPayment(record: PaymentRecord): Payment {
  const { _id, amount, ...rest } = record;
  return {
    ...rest,
    orderId: _id,
    ...(amount
      ? { amount: { currencyCode: amount.currencyCode, amountMinor: amount.amountMinor } }
      : {}),
    history: record.history.map(({ status, at, reason, by }) => ({ status, at, reason, by })),
  };
}
