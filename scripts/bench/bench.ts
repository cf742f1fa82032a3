// `npm run bench`: the saga under a fixed-rate load, against its physical floor, in one run.
import { cpus } from 'node:os';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBenchStores, type BenchStores } from './bench-stores.js';
import { startBenchStack, type BenchStack } from './bench-stack.js';
import { cpuPerRequest, cpuSnapshot } from './cpu-usage.js';
import { floorSum, measureFloor } from './floor.js';
import { runK6, type LoadResult, type LoadSpec } from './k6-run.js';
import { renderReport, type BenchReport } from './report.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TARGET_P95_MS = 15;
const RATE = Number(process.env.BENCH_RATE ?? 200);
const DURATION = process.env.BENCH_DURATION ?? '30s';
const SATURATION_RATES = [100, 200, 300, 400, 500, 600];

const say = (text: string) => process.stdout.write(`[bench] ${text}\n`);

async function load(stack: BenchStack, spec: LoadSpec): Promise<LoadResult> {
  say(
    `${spec.label}: ${spec.model === 'open' ? `${spec.rate}/s` : `${spec.vus} VUs`} for ${spec.duration}`,
  );
  return runK6(REPO_ROOT, spec, {
    TOKEN: stack.token,
    ORDERS_GRPC: `127.0.0.1:${stack.orders.grpcPort}`,
    ORDERS_URL: stack.gateway.url,
  });
}

async function measure(stores: BenchStores): Promise<BenchReport> {
  say('starting PostgreSQL/FerretDB/Redis-backed system in production mode, telemetry on');
  const logDir = mkdtempSync(join(tmpdir(), 'saga-bench-logs-'));
  let stack = await startBenchStack(stores, true, logDir);
  say('floor: gRPC round trip, PostgreSQL insert+commit, Mongo-wire insert, JWT verify');
  const floor = await measureFloor(stack.payments.grpcPort!, stores.postgres, stores.mongo);
  // At the measured rate, so connection pools and JIT reach that load's steady state first.
  await load(stack, {
    label: 'warm-up',
    target: 'grpc',
    model: 'open',
    rate: RATE,
    duration: '10s',
  });
  const cpuBefore = cpuSnapshot();
  const grpc = await load(stack, {
    label: 'CreateOrder gRPC',
    target: 'grpc',
    model: 'open',
    rate: RATE,
    duration: DURATION,
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
      rate: RATE,
      duration: DURATION,
    }),
  ];
  let saturation: BenchReport['saturation'] = null;
  for (const rate of SATURATION_RATES) {
    const run = await load(stack, {
      label: `saturation ${rate}/s`,
      target: 'grpc',
      model: 'open',
      rate,
      duration: '10s',
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
    duration: '10s',
  };
  const on = await load(stack, closed);
  await stack.stop();
  say('restarting with telemetry off (OTEL_SDK_DISABLED=true) for the overhead figure');
  stack = await startBenchStack(stores, false, logDir);
  await load(stack, {
    label: 'warm-up',
    target: 'grpc',
    model: 'open',
    rate: RATE,
    duration: '5s',
  });
  const off = await load(stack, { ...closed, label: 'max throughput, telemetry off' });
  await stack.stop();
  runs.push(on, off);
  return {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
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
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const stores = await openBenchStores(REPO_ROOT);
  try {
    const report = await measure(stores);
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
