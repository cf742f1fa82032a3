import type { SagaEnd } from '#saga';
import type { OrderRepository } from '../persistence/order.repository.js';
import type { CreateOrderPayload } from './create-order.payload.js';
import { endStatusOf } from './order-after-saga.js';

/**
 * Every create-order version's end: confirm already approved a completed order; otherwise it
 * ends REJECTED or CANCELLED. An order no longer PENDING is not silently passed over: throwing
 * leaves the saga STUCK for a person.
 */
export async function endCreateOrder(
  orders: OrderRepository,
  { tx, correlationId: orderId, ending, reason, at }: SagaEnd<CreateOrderPayload>,
): Promise<void> {
  if (ending === 'completed') return;
  await orders.transition(tx, orderId, ['PENDING'], endStatusOf(ending), reason, at);
}
