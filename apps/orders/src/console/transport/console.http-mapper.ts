import type { SagaView, StatusCount } from '#saga';
import type { PaymentEntry } from '../../payments-client/payments.port.js';
import { toHttpOrder, toHttpStep } from '../../orders/transport/order.http-mapper.js';
import type { SagaDetail, PaymentView } from '../usecases/get-saga/get-saga.usecase.js';
import type { SagaPage, SagaSummary } from '../usecases/list-sagas/list-sagas.usecase.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** JSON with snake_case fields and ISO-8601 times, like the rest of the HTTP API. */
export function toHttpSaga(saga: SagaView, overdue: boolean, now: Date) {
  return {
    id: saga.id,
    type: saga.type,
    version: saga.version,
    order_id: saga.correlationId,
    status: saga.status,
    step: saga.step,
    attempts: saga.attempts,
    ending: saga.ending,
    last_error: saga.lastError,
    overdue,
    age_ms: (saga.finishedAt ?? now).getTime() - saga.createdAt.getTime(),
    next_attempt_at: iso(saga.nextAttemptAt),
    created_at: iso(saga.createdAt),
    updated_at: iso(saga.updatedAt),
    finished_at: iso(saga.finishedAt),
  };
}

function toHttpSummary({ saga, order, overdue }: SagaSummary, now: Date) {
  return {
    ...toHttpSaga(saga, overdue, now),
    order: order
      ? {
          customer_id: order.customerId,
          status: order.status,
          amount: {
            currency_code: order.amount.currencyCode,
            amount_minor: order.amount.amountMinor,
          },
        }
      : null,
  };
}

function toHttpCounts(counts: StatusCount[]) {
  const of = (status: string) => counts.find((row) => row.status === status)?.total ?? 0;
  const [completed, rejected, compensated] = ['COMPLETED', 'REJECTED', 'COMPENSATED'].map(of);
  return {
    running: of('RUNNING'),
    compensating: of('COMPENSATING'),
    stuck: of('STUCK'),
    completed: completed!,
    rejected: rejected!,
    compensated: compensated!,
    terminal: completed! + rejected! + compensated!,
    overdue: counts.reduce((sum, row) => sum + row.overdue, 0),
    total: counts.reduce((sum, row) => sum + row.total, 0),
  };
}

export function toHttpPage(page: SagaPage) {
  return {
    sagas: page.sagas.map((summary) => toHttpSummary(summary, page.now)),
    next_page_token: page.nextPageToken,
    counts: toHttpCounts(page.counts),
    in_flight_by_version: page.versions.map(({ type, version, count }) => ({
      type,
      version,
      in_flight: count,
    })),
    server_time: page.now.toISOString(),
  };
}

function toHttpPaymentEntry(entry: PaymentEntry) {
  return {
    order_id: entry.orderId,
    customer_id: entry.customerId,
    status: entry.status,
    reason: entry.reason,
    amount: entry.amount
      ? { currency_code: entry.amount.currencyCode, amount_minor: entry.amount.amountMinor }
      : null,
    history: entry.history.map((change) => ({ ...change, at: iso(change.at) })),
    created_at: iso(entry.createdAt),
    updated_at: iso(entry.updatedAt),
  };
}

function toHttpPayment(payment: PaymentView) {
  if (payment.state === 'found')
    return { state: 'found', entry: toHttpPaymentEntry(payment.entry) };
  return payment;
}

export function toHttpDetail(detail: SagaDetail) {
  return {
    saga: toHttpSaga(detail.saga, detail.overdue, detail.now),
    order: detail.order ? toHttpOrder(detail.order) : null,
    timeline: detail.timeline.map(toHttpStep),
    related_sagas: detail.related.map((saga) => ({
      id: saga.id,
      type: saga.type,
      status: saga.status,
    })),
    payment: toHttpPayment(detail.payment),
    server_time: detail.now.toISOString(),
  };
}
