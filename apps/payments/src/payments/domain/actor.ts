import type { Payment } from './payment.js';
import { PaymentForbiddenError, PaymentNotFoundError } from './payment.errors.js';

/** The verified caller, as the ledger needs it: whose money, and whether they administer all. */
export interface Actor {
  subject: string;
  admin: boolean;
}

/** A customer charges only themselves; an admin (or a service acting as one) anyone. */
export function assertMayCharge(actor: Actor, orderId: string, customerId: string): void {
  if (!actor.admin && actor.subject !== customerId) throw new PaymentForbiddenError(orderId);
}

/** A tombstone belongs to nobody, so anyone may see or refund it (both leave it unchanged). */
export function mayActOn(actor: Actor, payment: Payment): boolean {
  return actor.admin || payment.customerId === '' || payment.customerId === actor.subject;
}

export function assertMayRefund(actor: Actor, payment: Payment): void {
  if (!mayActOn(actor, payment)) throw new PaymentForbiddenError(payment.orderId);
}

/** Another customer's payment reads as absent, like their orders do. */
export function assertMayView(actor: Actor, payment: Payment | null, orderId: string): Payment {
  if (payment === null || !mayActOn(actor, payment)) throw new PaymentNotFoundError(orderId);
  return payment;
}
