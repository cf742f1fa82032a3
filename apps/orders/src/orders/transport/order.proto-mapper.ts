import { ordersV1, toTimestamp } from '#contracts';
import type { SagaWithTimeline } from '#saga';
import type { Order, OrderStatus } from '../domain/order.js';

const STATUS: Record<OrderStatus, ordersV1.OrderStatus> = {
  PENDING: ordersV1.OrderStatus.ORDER_STATUS_PENDING,
  APPROVED: ordersV1.OrderStatus.ORDER_STATUS_APPROVED,
  REJECTED: ordersV1.OrderStatus.ORDER_STATUS_REJECTED,
  CANCELLED: ordersV1.OrderStatus.ORDER_STATUS_CANCELLED,
};

export function toProtoOrder(order: Order): ordersV1.Order {
  return {
    id: order.id,
    customerId: order.customerId,
    amount: { ...order.amount },
    description: order.description,
    status: STATUS[order.status],
    statusReason: order.statusReason,
    createdAt: toTimestamp(order.createdAt),
    updatedAt: toTimestamp(order.updatedAt),
  };
}

export function toProtoSaga({ saga, timeline }: SagaWithTimeline): ordersV1.Saga {
  return {
    id: saga.id,
    type: saga.type,
    orderId: saga.correlationId,
    status: saga.status,
    step: saga.step,
    attempts: saga.attempts,
    lastError: saga.lastError,
    createdAt: toTimestamp(saga.createdAt),
    updatedAt: toTimestamp(saga.updatedAt),
    version: saga.version,
    steps: timeline.map((step) => ({
      seq: step.seq,
      step: step.step,
      action: step.action,
      outcome: step.outcome,
      attempt: step.attempt,
      error: step.error,
      startedAt: toTimestamp(step.startedAt),
      finishedAt: toTimestamp(step.finishedAt),
      traceId: step.traceId,
    })),
  };
}
