import { load } from './bench-load.js';
import type { BenchOptions } from './bench-options.js';
import type { BenchStack } from './bench-stack.js';
import { cpuPerRequest, cpuSnapshot } from './cpu-usage.js';
import type { LoadResult, LoadSpec } from './k6-run.js';

/** One path through the gateway at the same rate, with 1 replica and with N. */
export interface ReplicaPair {
  path: string;
  one: LoadResult;
  many: LoadResult;
  /** CPU milliseconds per order, every process summed. */
  cpuOne: number;
  cpuMany: number;
}

export interface ReplicaComparison {
  replicas: number;
  pairs: ReplicaPair[];
}

const PATHS = [
  { path: 'CreateOrder gRPC via gateway', target: 'grpc' },
  { path: 'CreateOrder HTTP via gateway', target: 'http' },
] as const;

/**
 * The same open-model runs through the gateway on a stack, each with the CPU all processes spent
 * per order: run once on one replica, once on N, they show what the engine's coordination costs
 * (leases, claims, SKIP LOCKED) — on 2 cores N replicas cannot be faster, only not much slower.
 */
export async function gatewayRuns(
  repoRoot: string,
  stack: BenchStack,
  options: BenchOptions,
): Promise<Array<{ path: string; run: LoadResult; cpu: number }>> {
  const replicas = stack.orders.length;
  const suffix = replicas > 1 ? `, ${replicas} replicas` : '';
  const open = (label: string, target: 'grpc' | 'http', duration: string): LoadSpec => ({
    label,
    target,
    model: 'open',
    rate: options.rate,
    duration,
  });
  // A fresh stack: each replica takes its share of the load, so each gets as long a warm-up as
  // the single one had (that one is warm from the runs before).
  const warmUps = replicas > 1 ? replicas : 0;
  for (let i = 0; i < warmUps; i += 1) {
    for (const { path, target } of PATHS) {
      await load(
        repoRoot,
        stack,
        open(`warm-up, ${path}${suffix}`, target, options.warmUp),
        'gateway',
      );
    }
  }
  const measured = [];
  for (const { path, target } of PATHS) {
    const before = cpuSnapshot();
    const run = await load(
      repoRoot,
      stack,
      open(`${path}${suffix}`, target, options.duration),
      'gateway',
    );
    const cpu = cpuPerRequest(before, cpuSnapshot(), run.requests).reduce(
      (sum, [, ms]) => sum + ms,
      0,
    );
    measured.push({ path, run, cpu });
  }
  return measured;
}

export function compare(
  replicas: number,
  one: Awaited<ReturnType<typeof gatewayRuns>>,
  many: Awaited<ReturnType<typeof gatewayRuns>>,
): ReplicaComparison {
  return {
    replicas,
    pairs: one.map((single, i) => ({
      path: single.path,
      one: single.run,
      many: many[i]!.run,
      cpuOne: single.cpu,
      cpuMany: many[i]!.cpu,
    })),
  };
}
