// `npm run bench [-- --replicas 2]`: the saga under a fixed-rate load, against its physical floor,
// on durable PostgreSQL settings, in one run (and with replicas, the same rate on N of each).
import { cpus } from 'node:os';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as loadOn } from './bench-load.js';
import { parseBenchOptions, type BenchOptions } from './bench-options.js';
import { compare, gatewayRuns } from './bench-replicas.js';
import { openBenchStores, type BenchStores } from './bench-stores.js';
import { startBenchStack, type BenchStack } from './bench-stack.js';
import { cpuPerRequest, cpuSnapshot } from './cpu-usage.js';
import { floorSum, measureFloor } from './floor.js';
import type { LoadResult, LoadSpec } from './k6-run.js';
import { renderReport, type BenchReport } from './report.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TARGET_P95_MS = 15;
const SATURATION_RATES = [100, 200, 300, 400, 500, 600];

const say = (text: string) => process.stdout.write(`[bench] ${text}\n`);
const load = (stack: BenchStack, spec: LoadSpec): Promise<LoadResult> =>
  loadOn(REPO_ROOT, stack, spec);

async function measure(stores: BenchStores, options: BenchOptions): Promise<BenchReport> {
  const { duration, stepDuration } = options;
  say('starting PostgreSQL/FerretDB/Redis-backed system in production mode, telemetry on');
  const logDir = mkdtempSync(join(tmpdir(), 'saga-bench-logs-'));
  let stack = await startBenchStack(stores, true, logDir);
  say('floor: gRPC round trip, PostgreSQL insert+commit, Mongo-wire insert, JWT verify');
  const floor = await measureFloor(stack.payments[0]!.grpcPort!, stores.postgres, stores.mongo);
  // At the measured rate, so connection pools and JIT reach that load's steady state first.
  await load(stack, {
    label: 'warm-up',
    target: 'grpc',
    model: 'open',
    rate: options.rate,
    duration: stepDuration,
  });
  const cpuBefore = cpuSnapshot();
  const grpc = await load(stack, {
    label: 'CreateOrder gRPC',
    target: 'grpc',
    model: 'open',
    rate: options.rate,
    duration,
  });
  const cpu = {
    run: grpc.label,
    msPerOrder: cpuPerRequest(cpuBefore, cpuSnapshot(), grpc.requests),
  };
  const runs = [
    grpc,
    await load(stack, {
      label: 'CreateOrder HTTP via gateway',
      target: 'http',
      model: 'open',
      rate: options.rate,
      duration,
    }),
  ];
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
    duration: stepDuration,
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
    machine: { cpus: cpus().length, node: process.version },
    durability: stores.durability,
    targetP95Ms: TARGET_P95_MS,
    floor: { ...floor, sumMs: floorSum(floor) },
    runs,
    cpu,
    saturation,
    telemetryOverhead: {
      onRps: on.throughput,
      offRps: off.throughput,
      ratio: on.throughput / off.throughput,
    },
    replicas,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseBenchOptions(process.argv.slice(2));
  const stores = await openBenchStores(REPO_ROOT);
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
