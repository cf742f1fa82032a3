import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort } from '#platform';
import type { TestSystem } from '#testing';
import { prometheusConfigForTest } from './live-configs.js';
import { startProcess, type LiveProcess } from './live-process.js';
import { ALERTS_DIR, OBSERVABILITY_DIR } from './observability-config.js';

/** Debian's packages (scripts/ci/apt-deps.sh installs them). */
const BIN = {
  prometheus: '/usr/bin/prometheus',
  postgresExporter: '/usr/bin/prometheus-postgres-exporter',
  redisExporter: '/usr/bin/prometheus-redis-exporter',
};

export interface PrometheusStack {
  url: string;
  /** Jobs of prometheus.yml the test has no target for (left out of the run). */
  dropped: string[];
  processes: LiveProcess[];
}

/**
 * Debian's Prometheus on docker/observability/prometheus.yml and its rule files, each job pointed
 * at the test's process (the apps of `system`, the PostgreSQL and Redis exporters started here
 * against DATABASE_URL and REDIS_URL), scraping and evaluating every second. Whatever it started
 * is pushed to `started` as soon as it runs, so the caller stops it even if a later part fails.
 */
export async function startPrometheusStack(
  dir: string,
  system: TestSystem,
  started: LiveProcess[],
): Promise<PrometheusStack> {
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } = process.env;
  if (!databaseUrl || !redisUrl)
    throw new Error('DATABASE_URL and REDIS_URL must name real servers');
  const [pgPort, redisPort, promPort] = [await freePort(), await freePort(), await freePort()];
  const exporter = async (name: string, bin: string, args: string[], port: number, env = {}) => {
    const child = await startProcess(name, bin, args, {
      logFile: join(dir, `${name}.log`),
      readyUrl: `http://127.0.0.1:${port}/metrics`,
      env,
    });
    started.push(child);
  };
  const dsn = new URL(databaseUrl);
  dsn.searchParams.set('sslmode', 'disable');
  await exporter(
    'postgres-exporter',
    BIN.postgresExporter,
    [`--web.listen-address=127.0.0.1:${pgPort}`],
    pgPort,
    {
      DATA_SOURCE_NAME: dsn.toString(),
    },
  );
  await exporter(
    'redis-exporter',
    BIN.redisExporter,
    [`-redis.addr=${redisUrl}`, `-web.listen-address=127.0.0.1:${redisPort}`],
    redisPort,
  );

  const source = parse(readFileSync(join(OBSERVABILITY_DIR, 'prometheus.yml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const { config, dropped } = prometheusConfigForTest(
    source,
    {
      auth: `127.0.0.1:${system.auth.httpPort}`,
      orders: `127.0.0.1:${system.orders.httpPort}`,
      payments: `127.0.0.1:${system.payments.httpPort}`,
      postgres: `127.0.0.1:${pgPort}`,
      redis: `127.0.0.1:${redisPort}`,
    },
    '1s',
  );
  // rule_files are relative to the config file: the rules go beside it, unchanged.
  cpSync(ALERTS_DIR, join(dir, 'alerts'), { recursive: true });
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
  const url = `http://127.0.0.1:${promPort}`;
  started.push(
    await startProcess(
      'prometheus',
      BIN.prometheus,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { logFile: join(dir, 'prometheus.log'), readyUrl: `${url}/-/ready` },
    ),
  );
  return { url, dropped, processes: started };
}
