// One order's trace, end to end as in compose: the apps export OTLP to an OpenTelemetry Collector
// running docker/observability/otel-collector.yaml (the part its build supports), which exports
// to Jaeger v2 running docker/observability/jaeger.yaml; the test reads the trace back from
// Jaeger's query API. Run by scripts/observability/test-live.sh (`npm run test:observability`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { freePort } from '#platform';
import { login, startTestSystem, type TestSystem } from '#testing';
import { REPO_ROOT } from '../images/images.js';
import { findTrace, type JaegerTrace } from './jaeger-query.js';
import * as configs from './live-configs.js';
import { startProcess, type LiveProcess } from './live-process.js';
import { OBSERVABILITY_DIR } from './observability-config.js';

const TOOLS = join(REPO_ROOT, '.tools/bin');
const readYaml = (file: string) => parse(readFileSync(join(OBSERVABILITY_DIR, file), 'utf8'));

/** Free 127.0.0.1 ports for every 0.0.0.0 listener of a config. */
async function freeListeners(config: unknown): Promise<Map<string, string>> {
  const moves = new Map<string, string>();
  for (const endpoint of configs.listenEndpoints(config))
    moves.set(endpoint, `127.0.0.1:${await freePort()}`);
  return moves;
}

describe('traces for real: apps → OpenTelemetry Collector → Jaeger v2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saga-traces-'));
  const running: LiveProcess[] = [];
  let system: TestSystem | undefined;
  let dropped: string[] = [];
  let collectorConfig: Record<string, unknown>;
  let orderId = '';
  let jaegerQuery = '';

  before(async () => {
    const jaegerMoves = await freeListeners(readYaml('jaeger.yaml'));
    writeFileSync(
      join(dir, 'jaeger.yaml'),
      stringify(configs.moveEndpoints(readYaml('jaeger.yaml'), jaegerMoves)),
    );
    jaegerQuery = `http://${jaegerMoves.get('0.0.0.0:16686')}`;
    running.push(
      await startProcess('jaeger', join(TOOLS, 'jaeger'), ['--config', join(dir, 'jaeger.yaml')], {
        logFile: join(dir, 'jaeger.log'),
        readyUrl: `${jaegerQuery}/api/services`,
      }),
    );

    const built = configs.parseComponents(
      execFileSync(join(TOOLS, 'otelcol'), ['components'], { encoding: 'utf8' }),
    );
    const supported = configs.supportedCollectorConfig(readYaml('otel-collector.yaml'), built);
    dropped = supported.dropped;
    const moves = await freeListeners(supported.config);
    moves.set('jaeger:4317', jaegerMoves.get('0.0.0.0:4317') ?? '');
    const telemetryPort = await freePort();
    collectorConfig = configs.moveTelemetryMetrics(
      configs.moveEndpoints(supported.config, moves),
      telemetryPort,
    );
    const collectorFile = join(dir, 'otel-collector.yaml');
    writeFileSync(collectorFile, stringify(collectorConfig));
    execFileSync(join(TOOLS, 'otelcol'), ['validate', '--config', collectorFile]);
    running.push(
      await startProcess('otel-collector', join(TOOLS, 'otelcol'), ['--config', collectorFile], {
        logFile: join(dir, 'otel-collector.log'),
        readyUrl: `http://127.0.0.1:${telemetryPort}/metrics`,
      }),
    );

    // The apps' OTLP exporter reads these at start (only traces: the metrics pipeline is dropped).
    Object.assign(process.env, {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://${moves.get('0.0.0.0:4318')}`,
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
    system = await startTestSystem();
    const token = await login(
      system.auth.httpPort,
      `traced-${randomUUID().slice(0, 8)}`,
      'traced customer password',
    );
    const response = await fetch(`http://127.0.0.1:${system.orders.httpPort}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotency_key: randomUUID(),
        amount: { currency_code: 'EUR', amount_minor: 4_200 },
      }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    orderId = ((await response.json()) as { id: string }).id;
  });

  after(async () => {
    await system?.stop();
    for (const process of running.reverse()) await process.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the collector on the part of otel-collector.yaml its build supports: the traces pipeline whole', (t) => {
    for (const line of dropped) t.diagnostic(`left out: ${line}`);
    const pipelines = (collectorConfig.service as { pipelines: Record<string, unknown> }).pipelines;
    assert.deepEqual(pipelines.traces, {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'batch'],
      exporters: ['otlp/jaeger'],
    });
  });

  it("finds the order's trace in Jaeger: spans of orders, payments, PostgreSQL and MongoDB, one trace id", async (t) => {
    const trace: JaegerTrace = await findTrace(jaegerQuery, orderId, (found) =>
      ['orders:pg', 'payments:mongodb', 'payments:server'].every((kind) => found.kinds.has(kind)),
    );
    t.diagnostic(
      `trace ${trace.traceID}: ${trace.spans.length} spans; ${[...trace.kinds].sort().join(', ')}`,
    );
    assert.ok(trace.spans.every((span) => span.traceID === trace.traceID));
    for (const kind of [
      'orders:server',
      'orders:saga',
      'orders:pg',
      'orders:client',
      'payments:server',
      'payments:mongodb',
    ])
      assert.ok(trace.kinds.has(kind), `a ${kind} span in ${[...trace.kinds].join(', ')}`);
  });
});
