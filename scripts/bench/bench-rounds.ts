import { load, type Via } from './bench-load.js';
import type { BenchStack } from './bench-stack.js';
import type { BenchStores } from './bench-stores.js';
import { cpuPerRequest, cpuSnapshot } from './cpu-usage.js';
import { floorSum, measureFloor, type Floor } from './floor.js';
import type { LoadResult } from './k6-run.js';
import { RuntimeSampler, type RuntimeFigures } from './runtime-sampler.js';

/** A measured path: what k6 calls, how, and at which rate. */
export interface BenchPath {
  path: string;
  target: 'grpc' | 'http';
  via: Via;
  rate: number;
}

/** One path's run in one round, with what the processes did meanwhile. */
export interface RoundRun {
  round: number;
  path: string;
  run: LoadResult;
  /** The floor measured at the start of the same round. */
  floorSumMs: number;
  cpuMsPerOrder: Array<[string, number]>;
  runtime: RuntimeFigures[];
}

export interface Rounds {
  /** The warm-up of each path, in order: the first is the system's first minute after a start. */
  warmUps: LoadResult[];
  floors: Array<Floor & { sumMs: number }>;
  runs: RoundRun[];
}

/** Above the target rate: the rate that must hold for the whole run with nothing dropped. */
export const SUSTAINED_RATE = 300;

/**
 * The paths every round measures: gRPC straight at orders, HTTP through the gateway and straight
 * at orders (the difference is NGINX's share), and gRPC at the sustained rate.
 */
export function benchPaths(rate: number): BenchPath[] {
  return [
    { path: 'CreateOrder gRPC', target: 'grpc', via: 'direct', rate },
    { path: 'CreateOrder HTTP via gateway', target: 'http', via: 'gateway', rate },
    { path: 'CreateOrder HTTP direct', target: 'http', via: 'direct', rate },
    {
      path: `CreateOrder gRPC ${SUSTAINED_RATE}/s`,
      target: 'grpc',
      via: 'direct',
      rate: SUSTAINED_RATE,
    },
  ];
}

/**
 * `count` rounds on one running stack, each: the floor, then every path for `duration`, with
 * every process's CPU time and each app's runtime (event loop, GC, pool waits) read around it.
 * The first round starts after a warm-up of every path at its rate, so pools and JIT are at
 * steady state; the medians over rounds are what the report gives, with their spread.
 */
export async function runRounds(
  repoRoot: string,
  stack: BenchStack,
  stores: BenchStores,
  options: { rounds: number; rate: number; duration: string; warmUp: string },
  say: (text: string) => void,
): Promise<Rounds> {
  const apps = [
    { app: 'orders', url: `http://127.0.0.1:${stack.orders[0]!.httpPort}` },
    { app: 'payments', url: `http://127.0.0.1:${stack.payments[0]!.httpPort}` },
    { app: 'auth', url: `http://127.0.0.1:${stack.auth.httpPort}` },
  ];
  // Every path once, not only gRPC: each reaches code the others do not (HTTP parsing, the
  // gateway's upstream connections, 300/s's deeper queues), and V8 compiles that code for about a
  // minute under load, on worker threads that take the CPU the requests need. Warmed on gRPC
  // alone, round 1's HTTP runs paid for that inside their measurement. The warm-ups are kept
  // and reported: the first is what a freshly started system gives its first minute.
  const rounds: Rounds = { warmUps: [], floors: [], runs: [] };
  for (const { path, target, via, rate } of benchPaths(options.rate)) {
    const warmUp = { target, model: 'open' as const, rate, duration: options.warmUp };
    rounds.warmUps.push(await load(repoRoot, stack, { label: `warm-up, ${path}`, ...warmUp }, via));
  }
  for (let round = 1; round <= options.rounds; round += 1) {
    say(`round ${round} of ${options.rounds}: floor, then each path for ${options.duration}`);
    const floor = await measureFloor(stack.payments[0]!.grpcPort!, stores.postgres, stores.mongo);
    const floorSumMs = floorSum(floor);
    rounds.floors.push({ ...floor, sumMs: floorSumMs });
    for (const { path, target, via, rate } of benchPaths(options.rate)) {
      const sampler = new RuntimeSampler(apps);
      await sampler.start();
      const before = cpuSnapshot();
      const run = await load(
        repoRoot,
        stack,
        { label: path, target, model: 'open', rate, duration: options.duration },
        via,
      );
      const cpuMsPerOrder = cpuPerRequest(before, cpuSnapshot(), run.requests);
      rounds.runs.push({
        round,
        path,
        run,
        floorSumMs,
        cpuMsPerOrder,
        runtime: await sampler.stop(),
      });
    }
  }
  return rounds;
}
