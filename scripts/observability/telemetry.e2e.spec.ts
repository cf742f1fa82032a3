import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, startTestSystem, type TestSystem } from '#testing';
import { sampleNames, sampleValue, withoutFamilies } from './exposition.js';
import { dashboardExpressions, EXPORTER_SERIES, ruleExpressions } from './observability-config.js';
import { promtool } from './promtool.js';
import { driveTraffic, logLines, type Traffic } from './telemetry-traffic.js';

/** Written by Prometheus itself for every target, so no app can export it. */
const SCRAPE_GENERATED = new Set(['up']);
/** prom-client's default Node metrics: known to trip `promtool check metrics` (TOOLCHAIN.md). */
const DEFAULT_METRICS = ['process_', 'nodejs_'];

describe('telemetry of a real run: metrics the dashboards and alerts use, correlated clean logs', () => {
  let system: TestSystem;
  const scrapes = new Map<string, string>();
  let traffic: Traffic;

  before(async () => {
    system = await startTestSystem({ SAGA_FAULTS_ENABLED: 'true' });
    traffic = await driveTraffic(system);
    for (const app of [system.auth, system.orders, system.payments]) {
      const response = await fetch(`http://127.0.0.1:${app.httpPort}/metrics`);
      scrapes.set(app.name, await response.text());
    }
  });
  after(() => system?.stop());

  it('exports every metric name the Grafana dashboards and the alert rules use (exporters aside)', () => {
    const exported = new Set([...scrapes.values()].flatMap((text) => [...sampleNames(text)]));
    const missing = [...dashboardExpressions(), ...ruleExpressions()].flatMap(({ where, names }) =>
      names
        .filter((name) => !exported.has(name) && !SCRAPE_GENERATED.has(name))
        .filter((name) => !EXPORTER_SERIES.test(name))
        .map((name) => `${name} (${where})`),
    );
    assert.deepEqual(missing, []);
  });

  it('counts requests refused by the auth guard on HTTP and gRPC, as client errors', () => {
    const orders = scrapes.get('orders')!;
    const red = 'saga_request_duration_seconds_count';
    const refused = (route: string) => sampleValue(orders, red, { route, outcome: 'client_error' });
    assert.equal(refused('GET /v1/orders'), 1);
    assert.equal(refused('orders.v1.OrderService/GetOrder'), 1);
    assert.equal(sampleValue(orders, red, { route: 'POST /v1/orders', outcome: 'ok' }), 3);
    const payments = scrapes.get('payments')!;
    assert.equal(
      sampleValue(payments, red, {
        route: 'payments.v1.PaymentService/ProcessPayment',
        outcome: 'ok',
      }),
      4,
    );
  });

  it('counts sagas by ending and reads the database pools of every app', () => {
    const orders = scrapes.get('orders')!;
    const count = (name: string, type = 'create-order') => sampleValue(orders, name, { type });
    assert.equal(count('saga_started_total'), 4);
    assert.equal(count('saga_completed_total'), 2);
    assert.equal(count('saga_rejected_total'), 1);
    assert.equal(count('saga_compensated_total'), 1);
    assert.equal(count('saga_completed_total', 'cancel-order'), 1);
    assert.equal(count('saga_stuck_total'), 0);
    for (const [app, store] of [
      ['auth', 'postgres'],
      ['orders', 'postgres'],
      ['payments', 'mongodb'],
    ] as const) {
      const max = sampleValue(scrapes.get(app)!, 'db_pool_max_connections', { store });
      assert.ok(max !== undefined && max > 0, `${app} ${store} pool size`);
      const idle = sampleValue(scrapes.get(app)!, 'db_pool_connections', { store, state: 'idle' });
      assert.ok(idle !== undefined && idle >= 1, `${app} ${store} idle connections`);
    }
  });

  it('has metric families that pass promtool check metrics (the prom-client defaults do not)', () => {
    for (const [app, text] of scrapes) {
      const own = withoutFamilies(text, DEFAULT_METRICS);
      assert.match(own, /# TYPE saga_request_duration_seconds histogram/);
      assert.deepEqual(promtool(['check', 'metrics'], own), { ok: true, output: '' }, app);
    }
    const all = promtool(['check', 'metrics'], scrapes.get('orders'));
    assert.match(
      all.output,
      /nodejs_active_handles_total non-counter metrics should not have "_total" suffix/,
    );
  });

  it('writes only JSON log lines, each naming its service', () => {
    for (const app of [system.auth, system.orders, system.payments]) {
      for (const line of logLines(app)) assert.equal(line.service, app.name, JSON.stringify(line));
    }
  });

  it('correlates one gRPC CreateOrder in the logs of both services: trace id and order id', () => {
    const completed = (lines: ReturnType<typeof logLines>, rpc: string) =>
      lines.find(
        (l) => l.msg === 'rpc completed' && l.rpc === rpc && l.order_id === traffic.grpcOrderId,
      );
    const orders = completed(logLines(system.orders), 'OrdersGrpcController.createOrder');
    assert.ok(orders, `orders logged CreateOrder with order_id ${traffic.grpcOrderId}`);
    assert.match(String(orders.trace_id), /^[0-9a-f]{32}$/);
    assert.match(String(orders.saga_id), /^[0-9a-f-]{36}$/);
    const payments = completed(logLines(system.payments), 'PaymentsGrpcController.processPayment');
    assert.ok(payments, `payments logged ProcessPayment with order_id ${traffic.grpcOrderId}`);
    assert.equal(payments.trace_id, orders.trace_id);
  });

  it('puts order_id and saga_id on the request line of each order created over HTTP', () => {
    const created = logLines(system.orders).filter(
      (l) =>
        l.msg === 'request completed' && (l.res as { statusCode?: number })?.statusCode === 201,
    );
    assert.equal(created.length, 3);
    for (const line of created) {
      assert.match(String(line.order_id), /^[0-9a-f-]{36}$/);
      assert.match(String(line.saga_id), /^[0-9a-f-]{36}$/);
      assert.match(String(line.trace_id), /^[0-9a-f]{32}$/);
    }
  });

  it('never logs the passwords or the token it was given', () => {
    const { password, wrongPassword, token } = traffic;
    const secrets = { password, wrongPassword, token, adminPassword: ADMIN.password };
    for (const app of [system.auth, system.orders, system.payments]) {
      for (const [name, secret] of Object.entries(secrets)) {
        const leaks = app.output.filter((line) => line.includes(secret));
        assert.deepEqual(leaks, [], `${name} in the ${app.name} log`);
      }
    }
  });
});
