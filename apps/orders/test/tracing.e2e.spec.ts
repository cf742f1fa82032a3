import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ordersV1, PROTO_FILES } from '#contracts';
import type { MongoEndpoint, PostgresEndpoint } from '#platform';
import {
  grpcClient,
  startApp,
  startOtlpReceiver,
  testIdentity,
  testMongo,
  testPostgres,
  type AppProcess,
  type OtlpReceiver,
  type ReceivedSpan,
  type TestIdentity,
} from '#testing';

const SERVER = 2;
const CLIENT = 3;

describe('one CreateOrder is one trace across orders and payments, and its logs carry it', () => {
  let otlp: OtlpReceiver;
  let identity: TestIdentity;
  let postgres: PostgresEndpoint;
  let mongo: MongoEndpoint;
  let payments: AppProcess;
  let orders: AppProcess;

  before(async () => {
    [otlp, identity, postgres, mongo] = await Promise.all([
      startOtlpReceiver(),
      testIdentity(),
      testPostgres(),
      testMongo(),
    ]);
    const env = { ...identity.ordersEnv, ...otlp.env };
    payments = await startApp('payments', { grpc: true, env: { ...env, MONGO_URL: mongo.url } });
    orders = await startApp('orders', {
      grpc: true,
      env: {
        ...env,
        DATABASE_URL: postgres.url,
        PAYMENTS_GRPC_URL: `127.0.0.1:${payments.grpcPort}`,
      },
    });
  });
  after(async () => {
    await Promise.all([orders?.stop(), payments?.stop()]);
    await Promise.all([otlp?.close(), identity?.close(), postgres?.close(), mongo?.close()]);
  });

  it('exports orders server, payments client and server, pg, mongodb and saga spans in ONE trace', async () => {
    const client = grpcClient<ordersV1.OrderServiceClient>(
      PROTO_FILES.orders,
      'orders.v1.OrderService',
      `127.0.0.1:${orders.grpcPort}`,
    );
    const token = await identity.token(`trace-${randomUUID()}`);
    const { order } = await client.createOrder(
      {
        idempotencyKey: randomUUID(),
        amount: { currencyCode: 'EUR', amountMinor: 4_200 },
        description: '',
      },
      token,
    );
    client.close();
    assert.equal(order?.status, ordersV1.OrderStatus.ORDER_STATUS_APPROVED);

    const root = await eventually(() =>
      otlp.spans.find(
        (s) => s.kind === SERVER && s.name === 'grpc.orders.v1.OrderService/CreateOrder',
      ),
    );
    const trace = await eventually(() => {
      const spans = otlp.spans.filter((s) => s.traceId === root.traceId);
      return spans.some(isMongo) ? spans : undefined;
    });
    const has = (what: string, test: (s: ReceivedSpan) => boolean) =>
      assert.ok(trace.some(test), `${what} in trace ${root.traceId}: ${names(trace)}`);
    has(
      'payments client span',
      (s) =>
        s.service === 'orders' &&
        s.kind === CLIENT &&
        s.name.endsWith('PaymentService/ProcessPayment'),
    );
    has(
      'payments server span',
      (s) =>
        s.service === 'payments' &&
        s.kind === SERVER &&
        s.name.endsWith('PaymentService/ProcessPayment'),
    );
    has('a pg span', (s) => s.service === 'orders' && s.name.startsWith('pg.query'));
    has('a mongodb span', (s) => s.service === 'payments' && isMongo(s));
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.ok(
      trace.every((s) => s.resource['service.version'] === version),
      `every span of the trace names service.version ${version}`,
    );
    has(
      'saga step span with ids',
      (s) =>
        s.attributes['saga.step'] === 'charge' && s.attributes['saga.correlation_id'] === order!.id,
    );

    // The logs of this request: each service logged the call, and with this trace's id.
    for (const app of [orders, payments]) {
      const lines = app.output
        .filter((line) => line.includes('"rpc completed"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.ok(
        lines.some((line) => line.trace_id === root.traceId),
        `${app.name} logged the call with trace ${root.traceId}`,
      );
    }
    const mentioning = [...orders.output, ...payments.output].filter((line) =>
      line.includes(order!.id),
    );
    for (const line of mentioning) assert.match(line, new RegExp(`"trace_id":"${root.traceId}"`));
    for (const line of [...orders.output, ...payments.output])
      assert.ok(!line.includes(token), 'no token in logs');
  });
});

async function eventually<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for spans');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isMongo(span: ReceivedSpan): boolean {
  return (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'mongodb';
}

function names(spans: ReceivedSpan[]): string {
  return spans.map((s) => `${s.service}:${s.name}`).join(', ');
}
