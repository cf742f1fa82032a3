import { createHash } from 'node:crypto';

export type OrderStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

export interface Money {
  currencyCode: string;
  amountMinor: number;
}

export interface Order {
  id: string;
  customerId: string;
  idempotencyKey: string;
  requestFingerprint: string;
  amount: Money;
  description: string;
  status: OrderStatus;
  statusReason: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderRequest {
  amount: Money;
  description: string;
}

/** Identifies a request body, so a reused idempotency key with another body is detected. */
export function requestFingerprint(request: OrderRequest): string {
  const canonical = JSON.stringify([
    request.amount.currencyCode,
    request.amount.amountMinor,
    request.description,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface Viewer {
  subject: string;
  isAdmin: boolean;
}

/** Customers see their own orders only; admins see all. */
export function canView(order: Order, viewer: Viewer): boolean {
  return viewer.isAdmin || order.customerId === viewer.subject;
}

/** A status reason as stored: at most 500 characters (code points, as PostgreSQL counts them). */
export function statusReasonOf(reason: string): string {
  return reason.length <= 500 ? reason : Array.from(reason).slice(0, 500).join('');
}

export function isCancellable(order: Order): boolean {
  return order.status === 'APPROVED';
}
