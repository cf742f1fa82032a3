import type { Order } from '../domain/order.js';
import type { SagaStepEntity } from '../../saga/persistence/saga-step.entity.js';
import type { SagaView } from '../usecases/get-order-saga/get-order-saga.usecase.js';

/** HTTP JSON uses the proto field names (snake_case) and ISO-8601 times. */
export function toHttpOrder(order: Order) {
  return {
    id: order.id,
    customer_id: order.customerId,
    amount: { currency_code: order.amount.currencyCode, amount_minor: order.amount.amountMinor },
    description: order.description,
    status: order.status,
    status_reason: order.statusReason,
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
  };
}

export function toHttpSaga({ saga, steps }: SagaView) {
  return {
    id: saga.id,
    type: saga.type,
    order_id: saga.orderId,
    status: saga.status,
    step: saga.step,
    attempts: saga.attempts,
    last_error: saga.lastError,
    created_at: saga.createdAt.toISOString(),
    updated_at: saga.updatedAt.toISOString(),
    steps: steps.map(toHttpStep),
  };
}

/** One timeline row; an operator's action carries who (`actor`) and why (`note`). */
export function toHttpStep(step: SagaStepEntity, index: number) {
  return {
    seq: index + 1,
    step: step.step,
    action: step.action,
    outcome: step.outcome,
    attempt: step.attempt,
    error: step.error,
    started_at: step.startedAt.toISOString(),
    finished_at: step.finishedAt.toISOString(),
    duration_ms: step.finishedAt.getTime() - step.startedAt.getTime(),
    // Spans that were never recorded carry the all-zero invalid id: no trace to link to.
    trace_id: /^0*$/.test(step.traceId) ? '' : step.traceId,
    actor: step.actor ?? null,
    note: step.note ?? null,
  };
}
