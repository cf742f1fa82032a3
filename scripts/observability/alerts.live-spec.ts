// Debian's Prometheus on our prometheus.yml and alert rules, scraping the real apps and the real
// PostgreSQL and Redis exporters: the store series the rules and dashboard use exist, and a saga
// made STUCK through orders' test-only fault switch fires SagaStuck, which clears once the saga
// is resolved through the console API. Run by scripts/observability/test-live.sh.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FAULT_MARKERS } from '#contracts';
import { ADMIN, login, startTestSystem, type TestSystem } from '#testing';
import type { LiveProcess } from './live-process.js';
import { dashboardExpressions, EXPORTER_SERIES, ruleExpressions } from './observability-config.js';
import { PrometheusApi, waitFor } from './prometheus-api.js';
import { startPrometheusStack } from './prometheus-stack.js';

describe('Prometheus for real: our config and rules against the running system', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saga-prometheus-'));
  const started: LiveProcess[] = [];
  let system: TestSystem | undefined;
  let prometheus: PrometheusApi;
  let dropped: string[] = [];
  let stuckSagaId = '';
  let admin = '';

  const orders = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${system!.orders.httpPort}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const sagaStuck = async () =>
    (await prometheus.alerts()).find((a) => a.labels.alertname === 'SagaStuck');

  before(async () => {
    // A refund that keeps failing ([fail-refund]) after a confirm that fails ([fail-confirm])
    // runs out of attempts within a second: the saga ends STUCK, as in console-browser.spec.ts.
    system = await startTestSystem({
      SAGA_FAULTS_ENABLED: 'true',
      SAGA_MAX_COMPENSATION_ATTEMPTS: '2',
      SAGA_RETRY_INITIAL_MS: '100',
      SAGA_RETRY_MAX_MS: '200',
      SAGA_RECOVERY_INTERVAL_MS: '200',
    });
    const stack = await startPrometheusStack(dir, system, started);
    prometheus = new PrometheusApi(stack.url);
    dropped = stack.dropped;
    admin = await login(system.auth.httpPort, ADMIN.username, ADMIN.password);
  });

  after(async () => {
    for (const process of started.reverse()) await process.stop();
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes the three apps and both database exporters, every target up', async (t) => {
    for (const job of dropped) t.diagnostic(`left out (nothing of it runs here): ${job}`);
    const targets = await waitFor(
      'every target up',
      async () => {
        const all = await prometheus.targets();
        return all.length === 5 && all.every((target) => target.health === 'up') ? all : undefined;
      },
      30_000,
    );
    assert.deepEqual(targets.map((target) => target.labels.job).sort(), [
      'auth',
      'orders',
      'payments',
      'postgres',
      'redis',
    ]);
  });

  it('finds every exporter series the store alerts and the dashboard use, stores up', async (t) => {
    const names = [...ruleExpressions(), ...dashboardExpressions()]
      .flatMap((e) => e.names)
      .filter((n) => EXPORTER_SERIES.test(n));
    assert.ok(names.length >= 5, `exporter series in use: ${names.join(', ')}`);
    for (const name of [...new Set(names)].sort()) {
      const series = (await prometheus.query(`count(${name})`))[0]?.value[1];
      t.diagnostic(`${name}: ${series ?? 0} series`);
      assert.ok(Number(series) > 0, `${name} is scraped from the exporters`);
    }
    for (const up of ['pg_up', 'redis_up'])
      assert.equal((await prometheus.query(up))[0]?.value[1], '1', up);
    const stores = (await prometheus.ruleGroups()).find((group) => group.name === 'saga-stores');
    assert.deepEqual(
      stores?.rules.map((rule) => [rule.name, rule.health, rule.state]),
      [
        ['PostgresDown', 'ok', 'inactive'],
        ['PostgresConnectionsNearLimit', 'ok', 'inactive'],
        ['RedisDown', 'ok', 'inactive'],
        ['StoreExporterDown', 'ok', 'inactive'],
      ],
    );
  });

  it('fires SagaStuck when a saga is STUCK, once its `for: 1m` has passed', async (t) => {
    const customer = await login(
      system!.auth.httpPort,
      `stuck-${randomUUID().slice(0, 8)}`,
      'stuck customer password',
    );
    const body = JSON.stringify({
      idempotency_key: randomUUID(),
      amount: { currency_code: 'EUR', amount_minor: 3_300 },
      description: `alerts: refund fails ${FAULT_MARKERS.failConfirm} ${FAULT_MARKERS.failRefund}`,
    });
    const created = await orders('/v1/orders', customer, { method: 'POST', body });
    const orderId = ((await created.json()) as { id: string }).id;
    stuckSagaId = await waitFor(
      `the saga of order ${orderId} STUCK`,
      async () => {
        const page = await orders(`/console/api/sagas?order_id=${orderId}`, admin);
        const saga = ((await page.json()) as { sagas: { id: string; status: string }[] }).sagas[0];
        return saga?.status === 'STUCK' ? saga.id : undefined;
      },
      30_000,
    );
    const stuckAt = Date.now();
    const alert = await waitFor(
      'SagaStuck firing',
      async () => ((await sagaStuck())?.state === 'firing' ? await sagaStuck() : undefined),
      150_000,
    );
    t.diagnostic(
      `saga ${stuckSagaId} STUCK; SagaStuck firing ${((Date.now() - stuckAt) / 1000).toFixed(0)}s later`,
    );
    assert.equal(alert?.labels.service, 'orders');
    assert.equal(alert?.labels.severity, 'critical');
    assert.equal(alert?.value.replace(/e\+00$/, ''), '1');
  });

  it('clears SagaStuck once the saga is resolved by hand through the console API', async (t) => {
    assert.ok(stuckSagaId, 'a STUCK saga from the previous test');
    const resolved = await orders(`/console/api/sagas/${stuckSagaId}/resolve`, admin, {
      method: 'POST',
      body: JSON.stringify({ note: 'refunded by hand in the payment provider (alerts.live-spec)' }),
    });
    assert.equal(resolved.status, 200, await resolved.clone().text());
    const resolvedAt = Date.now();
    await waitFor(
      'SagaStuck gone from /api/v1/alerts',
      async () => ((await sagaStuck()) ? undefined : true),
      30_000,
    );
    t.diagnostic(
      `resolved; SagaStuck cleared ${((Date.now() - resolvedAt) / 1000).toFixed(0)}s later`,
    );
  });
});
