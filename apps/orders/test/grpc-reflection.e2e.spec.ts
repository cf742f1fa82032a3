import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { MongoEndpoint, PostgresEndpoint } from '#platform';
import {
  findGrpcurl,
  startApp,
  testIdentity,
  testMongo,
  testPostgres,
  type AppProcess,
  type TestIdentity,
} from '#testing';

// grpcurl is given the server address and nothing else: every describe and call below works only
// from the descriptors the server sends over gRPC reflection (no -proto, no -import-path).
const { grpcurl, reason } = findGrpcurl();

describe('gRPC server reflection, seen through grpcurl', { skip: reason ?? false }, () => {
  const run = grpcurl!;
  let identity: TestIdentity;
  let postgres: PostgresEndpoint;
  let mongo: MongoEndpoint;
  let payments: AppProcess;
  let orders: AppProcess;
  const at = (app: AppProcess) => `127.0.0.1:${app.grpcPort}`;
  const call = async (app: AppProcess, method: string, body: object, token: string) => {
    const auth = `authorization: Bearer ${token}`;
    const reply = await run('-plaintext', '-H', auth, '-d', JSON.stringify(body), at(app), method);
    assert.equal(reply.code, 0, reply.stderr);
    return JSON.parse(reply.stdout) as Record<string, Record<string, unknown>>;
  };

  before(async () => {
    [identity, postgres, mongo] = await Promise.all([testIdentity(), testPostgres(), testMongo()]);
    // As production runs it: no GRPC_REFLECTION, so no reflection.
    payments = await startApp('payments', {
      grpc: true,
      env: { ...identity.env, NODE_ENV: 'production', MONGO_URL: mongo.url },
    });
    orders = await startApp('orders', {
      grpc: true,
      env: {
        // orders' own service account too: payments moves money only for it.
        ...identity.ordersEnv,
        DATABASE_URL: postgres.url,
        PAYMENTS_GRPC_URL: at(payments),
      },
    });
  });
  after(async () => {
    await Promise.all([orders?.stop(), payments?.stop()]);
    await Promise.all([identity?.close(), postgres?.close(), mongo?.close()]);
  });

  it('lists orders.v1.OrderService and the health service, and no other app’s service', async () => {
    const { code, stdout, stderr } = await run('-plaintext', at(orders), 'list');
    assert.equal(code, 0, stderr);
    assert.deepEqual(stdout.trim().split('\n').sort(), [
      'grpc.health.v1.Health',
      'orders.v1.OrderService',
    ]);
  });

  it('describes the service, and messages with their proto field names and imports', async () => {
    const service = await run('-plaintext', at(orders), 'describe', 'orders.v1.OrderService');
    assert.equal(service.code, 0, service.stderr);
    assert.match(service.stdout, /rpc CreateOrder \( \.orders\.v1\.CreateOrderRequest \)/);
    const order = await run('-plaintext', at(orders), 'describe', 'orders.v1.Order');
    assert.match(order.stdout, /string customer_id = 2;/);
    assert.match(order.stdout, /\.common\.v1\.Money amount = 3;/);
  });

  it('places an order, reads it back and checks health with reflected descriptors only', async () => {
    const token = await identity.token(`grpcurl-${randomUUID()}`);
    const amount = { currency_code: 'EUR', amount_minor: 1_250 };
    const method = 'orders.v1.OrderService/CreateOrder';
    const created = await call(orders, method, { idempotency_key: randomUUID(), amount }, token);
    assert.equal(created.order?.status, 'ORDER_STATUS_APPROVED');
    const id = created.order?.id as string;
    const read = await call(orders, 'orders.v1.OrderService/GetOrder', { order_id: id }, token);
    // grpcurl prints proto3 JSON: lowerCamelCase names, int64 as a string.
    const echoed = { currencyCode: 'EUR', amountMinor: '1250' };
    assert.deepEqual([read.order?.id, read.order?.amount], [id, echoed]);
    const health = await run('-plaintext', at(orders), 'grpc.health.v1.Health/Check');
    assert.deepEqual(JSON.parse(health.stdout), { status: 'SERVING' });
  });

  it('is off in production unless GRPC_REFLECTION=true switches it on', async () => {
    const off = await run('-plaintext', at(payments), 'list');
    assert.notEqual(off.code, 0);
    assert.match(off.stderr, /does not support the reflection API/);
    const switchedOn = await startApp('payments', {
      grpc: true,
      env: {
        ...identity.env,
        NODE_ENV: 'production',
        GRPC_REFLECTION: 'true',
        MONGO_URL: mongo.url,
      },
    });
    try {
      const on = await run('-plaintext', at(switchedOn), 'list');
      assert.deepEqual(on.stdout.trim().split('\n').sort(), [
        'grpc.health.v1.Health',
        'payments.v1.PaymentService',
      ]);
    } finally {
      await switchedOn.stop();
    }
  });
});
