import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import * as configs from './live-configs.js';
import { OBSERVABILITY_DIR } from './observability-config.js';

const read = (file: string) =>
  parse(readFileSync(join(OBSERVABILITY_DIR, file), 'utf8')) as Record<string, unknown>;
/** What scripts/tools/install-otelcol.sh builds, as `otelcol components` lists it. */
const OUR_BUILD = configs.parseComponents(`
receivers: [{ name: otlp }]
processors: [{ name: batch }, { name: memory_limiter }]
exporters: [{ name: debug }, { name: otlp_grpc }]
connectors: []
extensions: []
`);

describe('the observability configs as the live tests run them', () => {
  it("keeps the collector's traces pipeline whole and names what our build lacks", () => {
    const { config, dropped } = configs.supportedCollectorConfig(
      read('otel-collector.yaml'),
      OUR_BUILD,
    );
    assert.deepEqual(dropped, [
      'exporter prometheus',
      'extension health_check',
      'pipeline metrics (nothing left to export to)',
    ]);
    const service = config.service as { extensions: string[]; pipelines: Record<string, unknown> };
    assert.deepEqual(service.extensions, []);
    assert.deepEqual(Object.keys(service.pipelines), ['traces']);
  });

  it('drops a missing processor from the pipelines that use it, not the pipeline', () => {
    const noBatch = { ...OUR_BUILD, processors: new Set(['memory_limiter']) };
    const { config, dropped } = configs.supportedCollectorConfig(
      read('otel-collector.yaml'),
      noBatch,
    );
    assert.ok(dropped.includes('processor batch'));
    const traces = (config.service as { pipelines: Record<string, { processors: string[] }> })
      .pipelines.traces;
    assert.deepEqual(traces?.processors, ['memory_limiter']);
  });

  it('moves every 0.0.0.0 listener of jaeger.yaml, and only those', () => {
    const jaeger = read('jaeger.yaml');
    const listeners = configs.listenEndpoints(jaeger);
    assert.deepEqual(listeners.sort(), [
      '0.0.0.0:16685',
      '0.0.0.0:16686',
      '0.0.0.0:4317',
      '0.0.0.0:4318',
    ]);
    const moves = new Map(listeners.map((l, i) => [l, `127.0.0.1:${20000 + i}`]));
    const moved = JSON.stringify(configs.moveEndpoints(jaeger, moves));
    assert.doesNotMatch(moved, /0\.0\.0\.0/);
    assert.equal(JSON.stringify(jaeger).includes('0.0.0.0:4317'), true, 'the source is untouched');
  });

  it("points prometheus.yml's jobs at the test's targets and names the ones left out", () => {
    const { config, dropped } = configs.prometheusConfigForTest(
      read('prometheus.yml'),
      { orders: '127.0.0.1:3999' },
      '1s',
    );
    assert.deepEqual(config.global, { scrape_interval: '1s', evaluation_interval: '1s' });
    assert.deepEqual(config.scrape_configs, [
      { job_name: 'orders', static_configs: [{ targets: ['127.0.0.1:3999'] }] },
    ]);
    assert.ok(dropped.includes('job postgres') && dropped.includes('job otel-collector'));
    assert.deepEqual(config.rule_files, ['alerts/*.rules.yml']);
  });
});
