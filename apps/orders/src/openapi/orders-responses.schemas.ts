import { z } from 'zod';

// What orders' HTTP handlers send (the mappers in */transport/*.http-mapper.ts), for the OpenAPI
// document. Strict objects: a field added to a mapper and not here fails
// apps/orders/test/openapi.spec.ts, so the document cannot drift from the answers.

const when = z.iso.datetime();
const money = z
  .strictObject({ currency_code: z.string(), amount_minor: z.number().int() })
  .meta({ id: 'Money' });

export const order = z
  .strictObject({
    id: z.uuid(),
    customer_id: z.string(),
    amount: money,
    description: z.string(),
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED']),
    status_reason: z.string(),
    created_at: when,
    updated_at: when,
  })
  .meta({ id: 'Order' });

export const orderPage = z.strictObject({
  orders: z.array(order),
  next_page_token: z.string().meta({ description: 'empty on the last page' }),
});

export const timelineStep = z
  .strictObject({
    seq: z.number().int(),
    step: z.string(),
    action: z.string(),
    outcome: z.string(),
    attempt: z.number().int(),
    error: z.string(),
    started_at: when,
    finished_at: when,
    duration_ms: z.number(),
    trace_id: z.string().meta({ description: 'empty when the step was not traced' }),
    actor: z.string().nullable().meta({ description: 'who acted, for an operator’s action' }),
    note: z.string().nullable(),
  })
  .meta({ id: 'TimelineStep' });

export const orderSagas = z.strictObject({
  sagas: z.array(
    z.strictObject({
      id: z.uuid(),
      type: z.string(),
      version: z.number().int().meta({ description: 'the definition version the saga runs on' }),
      order_id: z.uuid(),
      status: z.string(),
      step: z.string(),
      attempts: z.number().int(),
      last_error: z.string(),
      created_at: when,
      updated_at: when,
      steps: z.array(timelineStep),
    }),
  ),
});

export const consoleSaga = z
  .strictObject({
    id: z.uuid(),
    type: z.string(),
    version: z.number().int().meta({ description: 'the definition version the saga runs on' }),
    order_id: z.uuid(),
    status: z.string(),
    step: z.string(),
    attempts: z.number().int(),
    ending: z.string().nullable(),
    last_error: z.string(),
    overdue: z.boolean(),
    age_ms: z.number().meta({ description: 'since the saga started' }),
    took_ms: z
      .number()
      .nullable()
      .meta({ description: 'from start to finish; null while unfinished (STUCK included)' }),
    next_attempt_at: when.nullable(),
    created_at: when.nullable(),
    updated_at: when.nullable(),
    finished_at: when.nullable(),
  })
  .meta({ id: 'ConsoleSaga' });

const count = z.number().int();
export const sagaPage = z.strictObject({
  sagas: z.array(
    consoleSaga.extend({
      order: z
        .strictObject({ customer_id: z.string(), status: z.string(), amount: money })
        .nullable(),
    }),
  ),
  next_page_token: z.string(),
  counts: z.strictObject({
    running: count,
    compensating: count,
    stuck: count,
    completed: count,
    rejected: count,
    compensated: count,
    terminal: count,
    overdue: count,
    total: count,
  }),
  in_flight_by_version: z
    .array(z.strictObject({ type: z.string(), version: count, in_flight: count }))
    .meta({ description: 'unfinished sagas (STUCK included) per type and definition version' }),
  server_time: when,
});

const paymentEntry = z.strictObject({
  order_id: z.string(),
  customer_id: z.string(),
  status: z.string(),
  reason: z.string(),
  amount: money.nullable(),
  history: z.array(z.strictObject({ status: z.string(), at: when.nullable(), reason: z.string() })),
  created_at: when.nullable(),
  updated_at: when.nullable(),
});

export const sagaDetail = z.strictObject({
  saga: consoleSaga,
  order: order.nullable(),
  timeline: z.array(timelineStep),
  related_sagas: z.array(z.strictObject({ id: z.uuid(), type: z.string(), status: z.string() })),
  payment: z.discriminatedUnion('state', [
    z.strictObject({ state: z.literal('found'), entry: paymentEntry }),
    z.strictObject({ state: z.literal('none') }),
    z.strictObject({ state: z.literal('unavailable'), reason: z.string() }),
  ]),
  server_time: when,
});

export const sagaDefinitions = z.strictObject({
  definitions: z.array(
    z.strictObject({
      type: z.string(),
      version: z.number().int(),
      newest: z.boolean().meta({ description: 'new sagas of the type start on this version' }),
      steps: z.array(
        z.strictObject({
          name: z.string(),
          local: z.boolean(),
          compensable: z.boolean(),
          on_failure: z.enum(['compensate', 'retry']),
        }),
      ),
    }),
  ),
});
