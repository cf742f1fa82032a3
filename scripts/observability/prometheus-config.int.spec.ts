import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  ALERTS_DIR,
  OBSERVABILITY_DIR,
  ruleExpressions,
  ruleFiles,
} from './observability-config.js';
import { promtool } from './promtool.js';

const TESTS_DIR = join(ALERTS_DIR, 'tests');
const testFiles = () =>
  readdirSync(TESTS_DIR)
    .filter((name) => name.endsWith('.yml'))
    .map((name) => join(TESTS_DIR, name));

describe('Prometheus configuration (docker/observability)', () => {
  it('passes promtool check config, alert rule files included', () => {
    const { ok, output } = promtool(['check', 'config', join(OBSERVABILITY_DIR, 'prometheus.yml')]);
    assert.ok(ok, output);
    for (const file of ruleFiles()) assert.ok(output.includes(file.split('/').pop()!), output);
  });

  it('passes promtool check rules for every alert rule file', () => {
    const { ok, output } = promtool(['check', 'rules', ...ruleFiles()]);
    assert.ok(ok, output);
  });

  it('passes promtool test rules, which cover the stuck-saga and error-rate alerts', () => {
    const files = testFiles();
    const { ok, output } = promtool(['test', 'rules', ...files]);
    assert.ok(ok, output);
    const tested = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/alertname: (\S+)/g)].map((match) => match[1]),
    );
    for (const alert of ['SagaStuck', 'SagaHighErrorRate', 'PostgresDown', 'RedisDown'])
      assert.ok(tested.includes(alert), alert);
  });

  it('alerts on error rate, p95 latency, stuck sagas, compensation rate and the stores', () => {
    const alerts = ruleExpressions().map(({ where }) => where.split(': ').pop());
    for (const alert of [
      'SagaHighErrorRate',
      'SagaHighLatencyP95',
      'SagaStuck',
      'SagaCompensationRateHigh',
      'PostgresDown',
      'PostgresConnectionsNearLimit',
      'RedisDown',
    ])
      assert.ok(alerts.includes(alert), `${alert} in ${alerts.join(', ')}`);
  });

  it('scrapes the database exporters where compose runs them', () => {
    const config = parse(readFileSync(join(OBSERVABILITY_DIR, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const compose = parse(readFileSync(join(OBSERVABILITY_DIR, '../compose.yaml'), 'utf8')) as {
      services: Record<string, unknown>;
    };
    for (const [job, target] of [
      ['postgres', 'postgres-exporter:9187'],
      ['redis', 'redis-exporter:9121'],
    ] as const) {
      const scrape = config.scrape_configs.find((c) => c.job_name === job);
      assert.deepEqual(scrape?.static_configs[0]?.targets, [target], job);
      assert.ok(compose.services[target.split(':')[0]!], `compose runs ${target}`);
    }
  });

  it('scrapes the collector where it re-exposes the OTLP metrics', () => {
    const collector = parse(
      readFileSync(join(OBSERVABILITY_DIR, 'otel-collector.yaml'), 'utf8'),
    ) as {
      exporters: { prometheus: { endpoint: string } };
      service: { pipelines: Record<string, { receivers: string[]; exporters: string[] }> };
    };
    assert.deepEqual(collector.service.pipelines.traces?.exporters, ['otlp/jaeger']);
    assert.deepEqual(collector.service.pipelines.metrics?.exporters, ['prometheus']);
    const port = collector.exporters.prometheus.endpoint.split(':').pop();
    const prometheus = readFileSync(join(OBSERVABILITY_DIR, 'prometheus.yml'), 'utf8');
    assert.ok(prometheus.includes(`'otel-collector:${port}'`), `prometheus.yml scrapes :${port}`);
  });
});

describe('promtool check rules on a broken rule (negative control)', () => {
  it('fails on an expression that does not parse, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'saga-rules-'));
    try {
      const file = join(dir, 'broken.rules.yml');
      await writeFile(
        file,
        'groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: rate(x[5m]\n',
      );
      const { ok, output } = promtool(['check', 'rules', file]);
      assert.equal(ok, false);
      assert.match(output, /"X": could not parse expression/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
