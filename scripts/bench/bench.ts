// `npm run bench [-- --replicas 2]`: the saga under a fixed-rate load, against its physical floor,
// on durable PostgreSQL settings: each path measured in several rounds and reported as the median
// with its spread, then the one-off runs (saturation, throughput, replicas).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as loadOn } from './bench-load.js';
import { parseBenchOptions, type BenchOptions } from './bench-options.js';
import { compare, gatewayRuns } from './bench-replicas.js';
import { openBenchStores, type BenchStores } from './bench-stores.js';
import { startBenchStack, type BenchStack } from './bench-stack.js';
import { runRounds } from './bench-rounds.js';
import type { LoadResult, LoadSpec } from './k6-run.js';
import { renderReport, type BenchReport } from './report.js';
import { summarise } from './rounds-summary.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TARGET_P95_MS = 15;
const SATURATION_RATES = [100, 200, 300, 400, 500, 600];

const say = (text: string) => process.stdout.write(`[bench] ${text}\n`);
const load = (stack: BenchStack, spec: LoadSpec): Promise<LoadResult> =>
  loadOn(REPO_ROOT, stack, spec);

async function measure(stores: BenchStores, options: BenchOptions): Promise<BenchReport> {
  const { stepDuration } = options;
  say('starting PostgreSQL/FerretDB/Redis-backed system in production mode, telemetry on');
  const logDir = mkdtempSync(join(tmpdir(), 'saga-bench-logs-'));
  let stack = await startBenchStack(stores, true, logDir);
  const rounds = await runRounds(REPO_ROOT, stack, stores, options, say);
  const runs: LoadResult[] = [...rounds.warmUps];
  let saturation: BenchReport['saturation'] = null;
  for (const rate of SATURATION_RATES) {
    const run = await load(stack, {
      label: `saturation ${rate}/s`,
      target: 'grpc',
      model: 'open',
      rate,
      duration: stepDuration,
    });
    runs.push(run);
    if (run.p95 >= TARGET_P95_MS || run.errorRate > 0.01) break;
    saturation = { target: 'grpc', rate, p95: run.p95 };
  }
  const closed: LoadSpec = {
    label: 'max throughput, telemetry on',
    target: 'grpc',
    model: 'closed',
    vus: 16,
    duration: stepDuration,
  };
  const on = await load(stack, closed);
  const oneReplica = options.replicas > 1 ? await gatewayRuns(REPO_ROOT, stack, options) : [];
  await stack.stop();
  say('restarting with telemetry off (OTEL_SDK_DISABLED=true) for the overhead figure');
  stack = await startBenchStack(stores, false, logDir);
  await load(stack, {
    label: 'warm-up',
    target: 'grpc',
    model: 'open',
    rate: options.rate,
    duration: options.warmUp,
  });
  const off = await load(stack, { ...closed, label: 'max throughput, telemetry off' });
  await stack.stop();
  runs.push(on, off);
  let replicas: BenchReport['replicas'] = null;
  if (options.replicas > 1) {
    say(`restarting with ${options.replicas} replicas of orders and payments, telemetry on`);
    stack = await startBenchStack(stores, true, logDir, options.replicas);
    const many = await gatewayRuns(REPO_ROOT, stack, options).finally(() => stack.stop());
    runs.push(...oneReplica.map((r) => r.run), ...many.map((r) => r.run));
    replicas = compare(options.replicas, oneReplica, many);
  }
  return {
    when: new Date().toISOString(),
    commit: commitOf(REPO_ROOT),
    machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg() },
    durability: stores.durability,
    floors: rounds.floors,
    paths: summarise(rounds.runs),
    rounds: rounds.runs,
    runs,
    targetP95Ms: TARGET_P95_MS,
    saturation,
    telemetryOverhead: {
      onRps: on.throughput,
      offRps: off.throughput,
      ratio: on.throughput / off.throughput,
    },
    replicas,
  };
}

/** The checked-out commit, so a figure can be traced to its code ("unknown" outside git). */
function commitOf(repoRoot: string): string {
  try {
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot }).length > 0;
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot });
    return `${head.toString().trim()}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseBenchOptions(process.argv.slice(2));
  const stores = await openBenchStores();
  try {
    const report = await measure(stores, options);
    console.log(`\n${renderReport(report)}`);
    const dir = join(REPO_ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-${report.when.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    say(`results: ${file} (${Math.round((Date.now() - started) / 1000)} s)`);
  } finally {
    stores.stop();
  }
}

main().catch((error: unknown) => {
  console.error(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
