import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { FAULT_MARKERS } from '#contracts';
import {
  ADMIN,
  exchange,
  login,
  mappedRoutes,
  OpenApiChecker,
  startTestSystem,
  type ExchangeOptions,
  type OpenApiLike,
  type TestSystem,
} from '#testing';
import { ordersOpenApi } from '../src/openapi/orders.openapi.js';
import { untilStuck } from './support/until-stuck.js';

const COMMITTED = new URL('../../../../docs/api/orders.openapi.json', import.meta.url);
type Body = Record<string, unknown>;

/** orders' real answers (auth and payments real too), every route, held against /openapi.json. */
describe('orders answers as its OpenAPI document says', () => {
  let system: TestSystem;
  let served: OpenApiLike;
  let checker: OpenApiChecker;
  const problems: string[] = [];
  const base = () => `http://127.0.0.1:${system.orders.httpPort}`;
  const check = async (method: string, path: string, status: number, options?: ExchangeOptions) => {
    const answer = await exchange(base(), method, path, options);
    assert.equal(answer.status, status, `${method} ${path}: ${JSON.stringify(answer.body)}`);
    problems.push(...checker.problems(answer));
    return answer.body as Body;
  };
  const sagaOf = async (orderId: string, token: string) =>
    ((await check('GET', `/v1/orders/${orderId}/saga`, 200, { token })).sagas as Body[])[0]!;

  before(async () => {
    system = await startTestSystem({
      SAGA_FAULTS_ENABLED: 'true',
      SAGA_MAX_COMPENSATION_ATTEMPTS: '2',
      SAGA_RETRY_INITIAL_MS: '50',
      SAGA_RETRY_MAX_MS: '100',
      SAGA_RECOVERY_INTERVAL_MS: '100',
    });
    served = (await (await fetch(`${base()}/openapi.json`)).json()) as OpenApiLike;
    checker = new OpenApiChecker(served);
  });
  after(() => system?.stop());

  it('serves the document built from its schemas, the one committed in docs/api', () => {
    assert.deepEqual(served, JSON.parse(JSON.stringify(ordersOpenApi())));
    assert.deepEqual(served, JSON.parse(readFileSync(COMMITTED, 'utf8')));
  });

  it('answers every documented route as documented', async () => {
    const name = `oa-${randomUUID().slice(0, 8)}`;
    const c = { token: await login(system.auth.httpPort, name, 'correct horse battery') };
    const { access_token: token } = await check('POST', '/console/api/login', 200, { body: ADMIN });
    const a = { token: token as string };
    await check('POST', '/console/api/login', 403, {
      body: { username: name, password: 'correct horse battery' },
    });
    await check('POST', '/console/api/login', 401, {
      body: { username: name, password: 'wrong one' },
    });
    await check('POST', '/console/api/login', 400, { body: { username: '' } });

    const key = randomUUID();
    const amount = { currency_code: 'EUR', amount_minor: 1_500 };
    const order = await check('POST', '/v1/orders', 201, {
      ...c,
      body: { idempotency_key: key, amount },
    });
    await check('POST', '/v1/orders', 201, {
      ...c,
      body: { amount },
      headers: { 'idempotency-key': randomUUID() },
    });
    const other = { idempotency_key: key, amount: { ...amount, amount_minor: 1_600 } };
    await check('POST', '/v1/orders', 409, { ...c, body: other });
    await check('POST', '/v1/orders', 400, { ...c, body: { amount } });
    await check('POST', '/v1/orders', 401, { body: { idempotency_key: key, amount } });
    await check('GET', '/v1/orders?page_size=5', 200, c);
    await check('GET', '/v1/orders?page_size=500', 400, c);
    await check('GET', `/v1/orders/${order.id as string}`, 200, c);
    await check('GET', `/v1/orders/${randomUUID()}`, 404, c);
    await check('GET', '/v1/orders/not-a-uuid', 400, c);
    const saga = await sagaOf(order.id as string, c.token);
    await check('POST', `/v1/orders/${order.id as string}/cancel`, 200, c);
    const declined = {
      idempotency_key: randomUUID(),
      amount: { ...amount, amount_minor: 100_000 },
    };
    const rejected = await check('POST', '/v1/orders', 201, { ...c, body: declined });
    await check('POST', `/v1/orders/${rejected.id as string}/cancel`, 409, c);

    await check('GET', '/console/api/config', 200);
    await check('GET', '/console/api/sagas?status=completed', 200, a);
    await check('GET', '/console/api/sagas', 403, c);
    await check('GET', '/console/api/sagas?page_size=0', 400, a);
    await check('GET', '/console/api/saga-definitions', 200, a);
    await check('GET', '/console/api/saga-definitions', 403, c);
    await check('GET', `/console/api/sagas/${saga.id as string}`, 200, a);
    await check('GET', `/console/api/sagas/${randomUUID()}`, 404, a);
    await check('PUT', '/console/api/test-faults/refund', 200, { ...a, body: { failing: true } });
    await check('GET', '/console/api/test-faults/refund', 200, a);
    const stuck: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const body = {
        idempotency_key: randomUUID(),
        amount,
        description: `gift ${FAULT_MARKERS.failConfirm} ${FAULT_MARKERS.failRefund}`,
      };
      const failing = await check('POST', '/v1/orders', 201, { ...c, body });
      stuck.push((await sagaOf(failing.id as string, c.token)).id as string);
    }
    await untilStuck(base(), a.token, stuck);
    await check('PUT', '/console/api/test-faults/refund', 200, { ...a, body: { failing: false } });
    const note = { note: 'refunded by hand at the bank' };
    await check('POST', `/console/api/sagas/${stuck[0]!}/resolve`, 200, { ...a, body: note });
    await check('POST', `/console/api/sagas/${stuck[1]!}/retry`, 200, a);
    await check('POST', `/console/api/sagas/${stuck[0]!}/resolve`, 409, { ...a, body: note });

    for (const path of ['/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs/']) {
      await check('GET', path, 200);
    }
    await check('GET', '/docs', 302);
    assert.deepEqual(problems, []);
    assert.deepEqual(checker.unexercised(), []);
  });

  it('documents every route the app mapped', () => {
    const routes = mappedRoutes(system.orders.output);
    assert.ok(routes.length >= 16, system.orders.output.join('\n'));
    assert.deepEqual(checker.undocumented(routes), []);
  });

  it('fails the check for a route left out of the document (deliberate mistake)', async () => {
    const { '/v1/orders/{id}/saga': _left, ...paths } = served.paths;
    const lacking = new OpenApiChecker({ ...served, paths } as OpenApiLike);
    assert.deepEqual(lacking.undocumented(mappedRoutes(system.orders.output)), [
      'GET /v1/orders/:id/saga',
    ]);
    const answer = await exchange(base(), 'GET', `/v1/orders/${randomUUID()}/saga`);
    assert.match(lacking.problems(answer)[0] ?? '', /→ 401: no documented operation/);
  });
});
