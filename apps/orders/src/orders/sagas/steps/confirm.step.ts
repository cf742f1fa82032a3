import { succeeded, type LocalStep } from '#saga';
import type { OrderRepository } from '../../persistence/order.repository.js';
import type { ConfirmHook } from '../confirm-hook.js';
import type { CreateOrderPayload } from '../create-order.payload.js';

/** Approves the order in the transaction that records the step (a local step). */
export function confirmStep(
  orders: OrderRepository,
  hook?: ConfirmHook,
): LocalStep<CreateOrderPayload> {
  return {
    name: 'confirm',
    local: true,
    async execute({ tx, correlationId: orderId, payload, at }) {
      await hook?.beforeConfirm(payload);
      await orders.transition(tx, orderId, ['PENDING'], 'APPROVED', '', at);
      return succeeded();
    },
  };
}
