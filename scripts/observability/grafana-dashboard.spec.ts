import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  dashboardExpressions,
  dashboardFiles,
  DASHBOARDS_DIR,
  OBSERVABILITY_DIR,
  panelsOf,
  readDashboard,
  type Panel,
} from './observability-config.js';

const datasources = parse(
  readFileSync(
    join(OBSERVABILITY_DIR, 'grafana/provisioning/datasources/datasources.yaml'),
    'utf8',
  ),
) as { datasources: { uid: string; type: string; jsonData?: Record<string, unknown> }[] };
const uids = new Set(datasources.datasources.map((source) => source.uid));

function overlaps(a: Panel, b: Panel): boolean {
  const [p, q] = [a.gridPos!, b.gridPos!];
  return p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
}

describe('Grafana provisioning', () => {
  it('loads the dashboards from the folder compose mounts', () => {
    const provider = parse(readFileSync(join(DASHBOARDS_DIR, 'dashboards.yaml'), 'utf8')) as {
      providers: { options: { path: string } }[];
    };
    const compose = readFileSync(join(OBSERVABILITY_DIR, '../compose.yaml'), 'utf8');
    assert.ok(
      compose.includes('./observability/grafana/provisioning:/etc/grafana/provisioning:ro'),
    );
    assert.equal(provider.providers[0]?.options.path, '/etc/grafana/provisioning/dashboards');
    assert.ok(dashboardFiles().length > 0);
  });

  it('links traces to their logs: Jaeger → the Elasticsearch logs data source', () => {
    const jaeger = datasources.datasources.find((source) => source.type === 'jaeger');
    const link = jaeger?.jsonData?.tracesToLogsV2 as { datasourceUid?: string; query?: string };
    assert.ok(link.datasourceUid && uids.has(link.datasourceUid));
    assert.match(link.query ?? '', /trace_id/);
  });

  for (const file of dashboardFiles()) {
    const dashboard = readDashboard(file);
    const panels = panelsOf(dashboard);

    it(`${dashboard.title}: every panel queries a provisioned data source`, () => {
      for (const panel of panels.filter((p) => p.type !== 'row' && p.type !== 'text')) {
        assert.ok(panel.targets?.length, `${panel.title} has queries`);
        for (const uid of [panel.datasource?.uid, ...panel.targets.map((t) => t.datasource?.uid)])
          assert.ok(uid && uids.has(uid), `${panel.title}: data source ${uid}`);
      }
    });

    it(`${dashboard.title}: panels have unique ids and do not overlap`, () => {
      const ids = panels.map((panel) => (panel as { id?: number }).id);
      assert.equal(new Set(ids).size, ids.length);
      for (const [i, a] of panels.entries()) {
        assert.ok(a.gridPos && a.gridPos.x + a.gridPos.w <= 24, `${a.title} fits 24 columns`);
        for (const b of panels.slice(i + 1))
          assert.ok(!overlaps(a, b), `"${a.title}" overlaps "${b.title}"`);
      }
    });
  }

  it('shows RED for every route and the saga, pool, process and database metrics', () => {
    const used = new Set(dashboardExpressions().flatMap((expression) => expression.names));
    for (const name of [
      'saga_request_duration_seconds_count',
      'saga_request_duration_seconds_bucket',
      'saga_started_total',
      'saga_completed_total',
      'saga_compensated_total',
      'saga_stuck_total',
      'saga_duration_seconds_bucket',
      'db_pool_connections',
      'db_pool_pending_requests',
      'process_cpu_seconds_total',
      'pg_stat_activity_count',
      'redis_connected_clients',
    ])
      assert.ok(used.has(name), `the dashboard shows ${name}`);
  });
});
