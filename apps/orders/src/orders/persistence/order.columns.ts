import type { Order } from '../domain/order.js';

/** The orders table's columns, in the order of orderValues. */
export const ORDER_COLUMNS = [
  'id',
  'customer_id',
  'idempotency_key',
  'request_fingerprint',
  'currency_code',
  'amount_minor',
  'description',
  'status',
  'status_reason',
  'created_at',
  'updated_at',
] as const;

/** A row as `SELECT *` returns it: pg reads bigint as a string (amounts stay below 2^53). */
export interface OrderRow {
  id: string;
  customer_id: string;
  idempotency_key: string;
  request_fingerprint: string;
  currency_code: string;
  amount_minor: string;
  description: string;
  status: Order['status'];
  status_reason: string;
  created_at: Date;
  updated_at: Date;
}

export function orderValues(order: Order): unknown[] {
  return [
    order.id,
    order.customerId,
    order.idempotencyKey,
    order.requestFingerprint,
    order.amount.currencyCode,
    order.amount.amountMinor,
    order.description,
    order.status,
    order.statusReason,
    order.createdAt,
    order.updatedAt,
  ];
}

export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    customerId: row.customer_id,
    idempotencyKey: row.idempotency_key,
    requestFingerprint: row.request_fingerprint,
    amount: { currencyCode: row.currency_code, amountMinor: Number(row.amount_minor) },
    description: row.description,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
