import type { Payment } from './payment.js';
import { PaymentForbiddenError, PaymentNotFoundError } from './payment.errors.js';

/**
 * The person (or, alone, orders' service identity) a call acts for, as the ledger needs it: whose
 * money, and whether they may act for anyone. Only orders' service identity reaches the charge
 * and refund use cases at all (see payment-caller.ts).
 */
export interface Actor {
  subject: string;
  admin: boolean;
}

/** A customer charges only themselves; an admin (or orders' service identity alone) anyone. */
export function assertMayCharge(actor: Actor, orderId: string, customerId: string): void {
  if (!actor.admin && actor.subject !== customerId) throw new PaymentForbiddenError(orderId);
}

/**
 * A tombstone belongs to nobody, so any actor may see or refund it (both leave it unchanged).
 * Writing one needs no owner check here: only orders' service identity may refund, and orders
 * refunds only its own orders, so a customer cannot void someone else's order id in advance.
 */
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
