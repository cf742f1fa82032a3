import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  placeStuckSaga,
  startConsoleFixture,
  type ConsoleFixture,
} from './support/console-fixture.js';

interface SagaJson {
  id: string;
  type: string;
  order_id: string;
  status: string;
  overdue: boolean;
  created_at: string;
}
interface Page {
  sagas: SagaJson[];
  next_page_token: string;
  counts: Record<string, number>;
  in_flight_by_version: { type: string; version: number; in_flight: number }[];
}

const HOUR = 3_600_000;

describe('saga console API: access, counts, filters and pagination (real orders + PostgreSQL)', () => {
  let fx: ConsoleFixture;
  const seeded: Record<string, { sagaId: string; orderId: string }> = {};
  let stuckId: string;

  const list = async (query = '') => {
    const reply = await fx.api<Page>(`/console/api/sagas${query}`, { token: fx.adminToken });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body;
  };
  const ids = (page: Page) => page.sagas.map((saga) => saga.id).sort();

  before(async () => {
    fx = await startConsoleFixture();
    seeded.completed = await fx.seedSaga({
      status: 'COMPLETED',
      step: 'confirm',
      ageMs: 10 * 60e3,
    });
    seeded.rejected = await fx.seedSaga({ status: 'REJECTED', ageMs: 9 * 60e3 });
    seeded.compensated = await fx.seedSaga({ status: 'COMPENSATED', ageMs: 8 * 60e3 });
    seeded.oldCompleted = await fx.seedSaga({ status: 'COMPLETED', ageMs: 3 * HOUR });
    seeded.compensating = await fx.seedSaga({ status: 'COMPENSATING', ageMs: 30 * 60e3 });
    // A cancel saga of the first order, running for two hours: overdue (threshold 1 h).
    seeded.overdueCancel = await fx.seedSaga({
      status: 'RUNNING',
      type: 'cancel-order',
      step: 'refund',
      ageMs: 2 * HOUR,
      orderId: seeded.completed.orderId,
    });
    stuckId = await placeStuckSaga(fx);
  });
  after(() => fx?.stop());

  it('refuses a request without a token (401) and a customer token (403), on every route', async () => {
    const routes = [
      ['GET', '/console/api/sagas'],
      ['GET', `/console/api/sagas/${stuckId}`],
      ['POST', `/console/api/sagas/${stuckId}/retry`],
      ['POST', `/console/api/sagas/${stuckId}/resolve`],
    ] as const;
    for (const [method, path] of routes) {
      const body = method === 'POST' ? { note: 'x' } : undefined;
      assert.equal((await fx.api(path, { method, body })).status, 401, `${method} ${path}`);
      const customer = await fx.api(path, { method, body, token: fx.customerToken });
      assert.equal(customer.status, 403, `${method} ${path}`);
    }
    const stillStuck = await fx.api<{ saga: SagaJson }>(`/console/api/sagas/${stuckId}`, {
      token: fx.adminToken,
    });
    assert.equal(stillStuck.body.saga.status, 'STUCK', 'refused actions changed nothing');
  });

  it('shows each saga’s definition version and what is in flight per version', async () => {
    const page = await list();
    const versions = page.sagas.map((saga) => (saga as SagaJson & { version: number }).version);
    assert.ok(versions.every((version) => version >= 1));
    const inFlight = page.in_flight_by_version
      .map(({ type, version, in_flight }) => `${type} v${version}: ${in_flight}`)
      .sort();
    // Seeded rows default to v1; the order placed for real started on the newest (v2) and is STUCK.
    assert.deepEqual(inFlight, ['cancel-order v1: 1', 'create-order v1: 1', 'create-order v2: 1']);
  });

  it('lists every saga definition version it runs, with its steps in order', async () => {
    const reply = await fx.api<{
      definitions: { type: string; version: number; newest: boolean; steps: { name: string }[] }[];
    }>('/console/api/saga-definitions', { token: fx.adminToken });
    assert.equal(reply.status, 200);
    const shown = reply.body.definitions.map(
      (d) =>
        `${d.type} v${d.version}${d.newest ? ' (newest)' : ''}: ${d.steps.map((s) => s.name).join(' → ')}`,
    );
    assert.deepEqual(shown, [
      'cancel-order v1 (newest): refund',
      'create-order v1: charge → confirm',
      'create-order v2 (newest): charge → fraud-check → confirm',
    ]);
    const customer = await fx.api('/console/api/saga-definitions', { token: fx.customerToken });
    assert.equal(customer.status, 403);
  });

  it('counts sagas per status across all sagas', async () => {
    const { counts } = await list('?status=terminal');
    assert.deepEqual(
      [counts.completed, counts.rejected, counts.compensated, counts.terminal],
      [2, 1, 1, 4],
    );
    assert.deepEqual([counts.running, counts.compensating, counts.stuck], [1, 1, 1]);
    assert.deepEqual([counts.overdue, counts.total], [1, 7]);
  });

  it('filters by status: running, compensating, stuck, terminal', async () => {
    assert.deepEqual(ids(await list('?status=running')), [seeded.overdueCancel!.sagaId]);
    assert.deepEqual(ids(await list('?status=compensating')), [seeded.compensating!.sagaId]);
    assert.deepEqual(ids(await list('?status=stuck')), [stuckId]);
    const terminal = ['completed', 'rejected', 'compensated', 'oldCompleted'];
    assert.deepEqual(
      ids(await list('?status=terminal')),
      terminal.map((k) => seeded[k]!.sagaId).sort(),
    );
  });

  it('filters by type, by order id, by age and by overdue', async () => {
    assert.deepEqual(ids(await list('?type=cancel-order')), [seeded.overdueCancel!.sagaId]);
    const sameOrder = [seeded.completed!.sagaId, seeded.overdueCancel!.sagaId].sort();
    assert.deepEqual(ids(await list(`?order_id=${seeded.completed!.orderId}`)), sameOrder);
    const olderThanHour = [seeded.oldCompleted!.sagaId, seeded.overdueCancel!.sagaId].sort();
    assert.deepEqual(ids(await list('?min_age_s=3600')), olderThanHour);
    const young = await list('?max_age_s=900');
    assert.ok(young.sagas.every((saga) => Date.now() - Date.parse(saga.created_at) <= 900e3));
    assert.equal(young.sagas.length, 4, 'the stuck one and the three seeded 8 to 10 minutes ago');
    const overdue = await list('?overdue=true');
    assert.deepEqual(ids(overdue), [seeded.overdueCancel!.sagaId]);
    assert.equal(overdue.sagas[0]!.overdue, true);
  });

  it('refuses a malformed filter with 400 naming it', async () => {
    const reply = await fx.api<{ detail: string }>('/console/api/sagas?status=sleeping', {
      token: fx.adminToken,
    });
    assert.equal(reply.status, 400);
    assert.match(reply.body.detail, /status: must be one of running, compensating, stuck/);
  });

  it('pages newest first with a cursor: every saga exactly once', async () => {
    const seen: SagaJson[] = [];
    let token = '';
    do {
      const page = await list(`?page_size=2${token ? `&page_token=${token}` : ''}`);
      assert.ok(page.sagas.length <= 2);
      seen.push(...page.sagas);
      token = page.next_page_token;
    } while (token);
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen.map((saga) => saga.id)).size, 7);
    const times = seen.map((saga) => Date.parse(saga.created_at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const bad = await fx.api('/console/api/sagas?page_token=garbage', { token: fx.adminToken });
    assert.equal(bad.status, 400);
  });
});
