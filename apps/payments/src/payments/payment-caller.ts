import type { Metadata } from '@grpc/grpc-js';
import { callerOf, isAdmin, isService, onBehalfOf } from '#identity';
import type { Actor } from './domain/actor.js';

/**
 * Who a call acts for, as the ledger sees it. The trust model:
 *
 * - Charges and refunds come only from orders' service identity (a token with role `service`,
 *   issued by auth to orders' seeded account; `@Roles('service')` on those handlers). Nobody
 *   else moves money, not a customer with their own token, not an admin.
 * - orders forwards the token of the person it acts for in `x-on-behalf-of` (AuthGuard verifies
 *   it against the same JWKS). That person is the actor: a customer may charge only themselves
 *   (the body's `customer_id` must be their subject) and refund only their own capture; an admin
 *   (an operator retrying a saga) may act for anyone. The history records the person.
 * - Without one (a saga resumed by the recovery worker, or retried after the customer's token
 *   expired), orders' service identity alone vouches for the body: the customer id then comes
 *   from the saga's payload, which orders wrote when the customer's own request created the
 *   order. payments cannot check that an order belongs to a customer; only orders knows, so
 *   orders is trusted with that, and its identity is what an attacker would need.
 * - A customer's token alone may only read (GetPayment) that customer's own payment.
 */
export function actorOf(metadata: Metadata | undefined): Actor {
  const person = onBehalfOf(metadata);
  if (person) return { subject: person.subject, admin: isAdmin(person) };
  const caller = callerOf(metadata);
  return { subject: caller.subject, admin: isAdmin(caller) || isService(caller) };
}
