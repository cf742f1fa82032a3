import { Schema } from 'mongoose';
import { PAYMENT_STATUSES, type PaymentStatus, type StatusChange } from '../domain/payment.js';

export const PAYMENT_MODEL = 'Payment';

/**
 * The stored shape. `_id` IS the order id: its built-in unique index makes the charge, the refund
 * and the VOIDED tombstone single-document atomic operations on the primary key, with no
 * multi-document transaction (FerretDB has none).
 */
export interface PaymentRecord {
  _id: string;
  customerId: string;
  amount?: { currencyCode: string; amountMinor: number } | null;
  status: PaymentStatus;
  reason: string;
  history: StatusChange[];
  createdAt: Date;
  updatedAt: Date;
}

const statusChangeSchema = new Schema<StatusChange>(
  {
    status: { type: String, enum: PAYMENT_STATUSES, required: true },
    at: { type: Date, required: true },
    reason: { type: String, default: '' },
    by: { type: String, default: '' },
  },
  { _id: false },
);

const moneySchema = new Schema(
  {
    currencyCode: { type: String, required: true },
    amountMinor: { type: Number, required: true },
  },
  { _id: false },
);

export const paymentSchema = new Schema<PaymentRecord>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, default: '' },
    amount: { type: moneySchema, required: false },
    status: { type: String, enum: PAYMENT_STATUSES, required: true },
    reason: { type: String, default: '' },
    history: { type: [statusChangeSchema], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'payments', versionKey: false, strict: 'throw' },
);
