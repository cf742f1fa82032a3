// The same short measurement against any checkout's build, so two commits whose benches differ
// can be compared with one instrument: a fresh stack from that tree's own bench modules
// (openBenchStores, startBenchStack, its k6 script), a 10 s warm-up, then `rounds` × 30 s of
// CreateOrder over gRPC at `rate`/s, the CPU per order read by this tree's cpu-usage (exited
// PostgreSQL backends included). Run it for each tree in turn, alternating, on the same servers.
// Usage: DATABASE_URL=… MONGO_URL=… REDIS_URL=… node dist/scripts/bench/compare-trees.js <tree> [rounds] [rate]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuPerRequest, cpuSnapshot } from './cpu-usage.js';

interface Port {
  grpcPort?: number;
}
interface Stack {
  orders: Port | Port[];
  gateway: { url: string };
  token: string;
  stop(): Promise<void>;
}
interface Stores {
  stop(): void;
}
interface Run {
  p50: number;
  p95: number;
  p99: number;
  requests: number;
}
type Spec = { label: string; target: 'grpc'; model: 'open'; rate: number; duration: string };

async function main(): Promise<void> {
  const [treeArg, roundsArg = '3', rateArg = '200'] = process.argv.slice(2);
  if (!treeArg) throw new Error('usage: compare-trees <tree> [rounds] [rate]');
  const tree = resolve(treeArg);
  const bench = (file: string) => import(join(tree, 'dist/scripts/bench', file));
  // Older trees took the repository root; newer ones take options and ignore a string.
  const { openBenchStores } = (await bench('bench-stores.js')) as {
    openBenchStores(root: string): Promise<Stores>;
  };
  const { startBenchStack } = (await bench('bench-stack.js')) as {
    startBenchStack(stores: Stores, telemetry: boolean, logDir: string): Promise<Stack>;
  };
  const { runK6 } = (await bench('k6-run.js')) as {
    runK6(root: string, spec: Spec, env: Record<string, string>): Promise<Run>;
  };
  const stores = await openBenchStores(tree);
  const stack = await startBenchStack(stores, true, mkdtempSync(join(tmpdir(), 'compare-')));
  try {
    const orders = Array.isArray(stack.orders) ? stack.orders[0]! : stack.orders;
    const env = {
      TOKEN: stack.token,
      ORDERS_GRPC: `127.0.0.1:${orders.grpcPort}`,
      ORDERS_URL: stack.gateway.url,
    };
    const run = (duration: string) =>
      runK6(
        `${tree}/`,
        { label: 'compare', target: 'grpc', model: 'open', rate: Number(rateArg), duration },
        env,
      );
    await run('10s');
    for (let round = 1; round <= Number(roundsArg); round++) {
      const before = cpuSnapshot();
      const result = await run('30s');
      const cpu = cpuPerRequest(before, cpuSnapshot(), result.requests);
      const ms = Object.fromEntries(cpu.map(([name, value]) => [name, Number(value.toFixed(2))]));
      console.log(
        JSON.stringify({
          tree,
          round,
          p50: Number(result.p50.toFixed(2)),
          p95: Number(result.p95.toFixed(2)),
          p99: Number(result.p99.toFixed(2)),
          cpuMsPerOrder: ms,
        }),
      );
    }
  } finally {
    await stack.stop();
    stores.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
