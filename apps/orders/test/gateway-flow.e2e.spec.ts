import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { after, before, describe, it } from 'node:test';
import { ordersV1, PROTO_FILES } from '#contracts';
import {
  grpcClient,
  startGateway,
  startTestSystem,
  type Gateway,
  type PromiseClient,
  type TestSystem,
} from '#testing';

type Orders = PromiseClient<ordersV1.OrderServiceClient>;

describe('the whole flow through the NGINX gateway only (HTTP 8000-style and gRPC 9080-style ports)', () => {
  let system: TestSystem;
  let gateway: Gateway;
  let grpc: Orders;
  let alice: string;
  let bob: string;

  const http = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${gateway.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const signUp = async (name: string) => {
    const body = JSON.stringify({
      username: `${name}-${randomUUID().slice(0, 8)}`,
      password: 'through the gateway',
    });
    assert.equal((await http('/auth/v1/auth/register', { method: 'POST', body })).status, 201);
    const login = await http('/auth/v1/auth/login', { method: 'POST', body });
    assert.equal(login.status, 200);
    return ((await login.json()) as { access_token: string }).access_token;
  };
  const order = (amountMinor: number, extra: object = {}) =>
    JSON.stringify({
      idempotency_key: randomUUID(),
      amount: { currency_code: 'EUR', amount_minor: amountMinor },
      ...extra,
    });

  before(async () => {
    system = await startTestSystem();
    gateway = await startGateway({
      authHttp: `127.0.0.1:${system.auth.httpPort}`,
      ordersHttp: `127.0.0.1:${system.orders.httpPort}`,
      ordersGrpc: `127.0.0.1:${system.orders.grpcPort}`,
    });
    grpc = grpcClient(
      PROTO_FILES.orders,
      'orders.v1.OrderService',
      `127.0.0.1:${gateway.grpcPort}`,
    );
    [alice, bob] = [await signUp('alice'), await signUp('bob')];
  });
  after(async () => {
    grpc?.close();
    await gateway?.stop();
    await system?.stop();
  });

  it('HTTP: places, reads, cancels an order and shows its saga', async () => {
    const created = await http('/v1/orders', { method: 'POST', body: order(1_999), token: alice });
    assert.equal(created.status, 201);
    const { id, status: state } = (await created.json()) as { id: string; status: string };
    assert.equal(state, 'APPROVED');
    assert.equal((await http(`/v1/orders/${id}`, { token: alice })).status, 200);
    const cancelled = await http(`/v1/orders/${id}/cancel`, {
      method: 'POST',
      body: '{}',
      token: alice,
    });
    assert.equal(((await cancelled.json()) as { status: string }).status, 'CANCELLED');
    const saga = (await (await http(`/v1/orders/${id}/saga`, { token: alice })).json()) as {
      sagas: unknown[];
    };
    assert.equal(saga.sagas.length, 2);
  });

  it('HTTP: refuses missing and forged tokens (401) and hides other customers’ orders (404)', async () => {
    assert.equal((await http('/v1/orders', { method: 'POST', body: order(100) })).status, 401);
    const [header, payload] = alice.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    assert.equal((await http('/v1/orders', { token: forged })).status, 401);
    const mine = (await (
      await http('/v1/orders', { method: 'POST', body: order(300), token: alice })
    ).json()) as { id: string };
    assert.equal((await http(`/v1/orders/${mine.id}`, { token: bob })).status, 404);
  });

  it('HTTP: bad input is a 400 problem naming the field; oversized bodies are 413 at the gateway', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"idempotency_key": "k", "amount": ', /JSON|Unexpected|parse/i],
      [order(-5), /amount_minor/],
      [
        JSON.stringify({
          idempotency_key: 'k1',
          amount: { currency_code: 'XXX', amount_minor: 5 },
        }),
        /currency_code/,
      ],
      [
        JSON.stringify({
          idempotency_key: 'k2',
          amount: { currency_code: 'EUR', amount_minor: '5' },
        }),
        /amount_minor/,
      ],
      [JSON.stringify({ amount: { currency_code: 'EUR', amount_minor: 5 } }), /idempotency_key/],
    ];
    for (const [body, field] of cases) {
      const response = await http('/v1/orders', { method: 'POST', body, token: alice });
      assert.equal(response.status, 400, body);
      assert.match(((await response.json()) as { detail: string }).detail, field);
    }
    const huge = order(100, { description: 'x'.repeat(200_000) });
    assert.equal(
      (await http('/v1/orders', { method: 'POST', body: huge, token: alice })).status,
      413,
    );
  });

  it('gRPC: creates and reads an order through the gateway with the caller’s token', async () => {
    const request = {
      idempotencyKey: randomUUID(),
      amount: { currencyCode: 'EUR', amountMinor: 2_500 },
      description: '',
    };
    const { order: created } = await grpc.createOrder(request, alice);
    assert.equal(created?.status, ordersV1.OrderStatus.ORDER_STATUS_APPROVED);
    const { order: read } = await grpc.getOrder({ orderId: created!.id }, alice);
    assert.equal(read?.id, created?.id);
  });

  it('gRPC: UNAUTHENTICATED without a token, INVALID_ARGUMENT for bad input, NOT_FOUND across customers', async () => {
    const code = async (call: Promise<unknown>) =>
      call.then(
        () => status.OK,
        (error: { code: number }) => error.code,
      );
    const bad = {
      idempotencyKey: 'k',
      amount: { currencyCode: 'EUR', amountMinor: 0 },
      description: '',
    };
    assert.equal(
      await code(grpc.listOrders({ pageSize: 10, pageToken: '' })),
      status.UNAUTHENTICATED,
    );
    assert.equal(await code(grpc.createOrder(bad, alice)), status.INVALID_ARGUMENT);
    assert.equal(
      await code(grpc.getOrder({ orderId: 'not-a-uuid' }, alice)),
      status.INVALID_ARGUMENT,
    );
    const { order: mine } = await grpc.createOrder(
      { ...bad, idempotencyKey: randomUUID(), amount: { currencyCode: 'EUR', amountMinor: 10 } },
      alice,
    );
    assert.equal(await code(grpc.getOrder({ orderId: mine!.id }, bob)), status.NOT_FOUND);
  });
});
