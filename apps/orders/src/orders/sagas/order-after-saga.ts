import { isTerminal, type SagaEnding, type SagaView } from '#saga';
import { statusReasonOf, type Order, type OrderStatus } from '../domain/order.js';

export function endStatusOf(ending: Exclude<SagaEnding, 'completed'>): OrderStatus {
  return ending === 'rejected' ? 'REJECTED' : 'CANCELLED';
}

/**
 * The order as its ended create-order saga left it, without reading it back: confirm approved
 * it, or the saga's end rejected or cancelled it, stamped with the saga's last transition time.
 * Undefined while the saga has not ended (the order is still as it was written).
 */
export function orderAfter(order: Order, saga: SagaView): Order | undefined {
  if (!isTerminal(saga.status) || !saga.ending) return undefined;
  const status = saga.ending === 'completed' ? 'APPROVED' : endStatusOf(saga.ending);
  const reason = saga.ending === 'completed' ? '' : statusReasonOf(saga.lastError);
  return { ...order, status, statusReason: reason, updatedAt: saga.updatedAt };
}
