import type { SagaWithTimeline, TimelineView } from '#saga';
import type { Order } from '../domain/order.js';

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

export function toHttpSaga({ saga, timeline }: SagaWithTimeline) {
  return {
    id: saga.id,
    type: saga.type,
    version: saga.version,
    order_id: saga.correlationId,
    status: saga.status,
    step: saga.step,
    attempts: saga.attempts,
    last_error: saga.lastError,
    created_at: saga.createdAt.toISOString(),
    updated_at: saga.updatedAt.toISOString(),
    steps: timeline.map(toHttpStep),
  };
}

/** One timeline row; an operator's action carries who (`actor`) and why (`note`). */
export function toHttpStep(step: TimelineView) {
  return {
    seq: step.seq,
    step: step.step,
    action: step.action,
    outcome: step.outcome,
    attempt: step.attempt,
    error: step.error,
    started_at: step.startedAt.toISOString(),
    finished_at: step.finishedAt.toISOString(),
    duration_ms: step.durationMs,
    trace_id: step.traceId,
    actor: step.actor,
    note: step.note,
  };
}
