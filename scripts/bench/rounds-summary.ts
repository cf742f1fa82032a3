import type { RoundRun } from './bench-rounds.js';

/** A figure over rounds: the median, and the lowest and highest round. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface RuntimeSummary {
  app: string;
  loopLateP99Ms: Spread;
  loopLateMaxMs: Spread;
  gcMsPerS: Spread;
  gcPerS: Spread;
  /** The most requests waiting for a connection in any round, by store. */
  poolWaitMax: Record<string, number>;
}

/** One path over every round. */
export interface PathSummary {
  path: string;
  rate: number;
  duration: string;
  rounds: number;
  p50: Spread;
  p95: Spread;
  p99: Spread;
  max: Spread;
  /** p50 divided by the floor of the same round. */
  p50OverFloor: Spread;
  /** Requests that failed their check, and arrivals k6 could not start, over all rounds. */
  failed: number;
  dropped: number;
  requests: number;
  /** Median CPU milliseconds per order by process group, busiest first. */
  cpuMsPerOrder: Array<[string, number]>;
  runtime: RuntimeSummary[];
}

export function spread(values: readonly number[]): Spread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/** Each path's rounds reduced to medians and spreads, in the order the paths first ran. */
export function summarise(runs: readonly RoundRun[]): PathSummary[] {
  const paths = [...new Set(runs.map((r) => r.path))];
  return paths.map((path) => {
    const mine = runs.filter((r) => r.path === path);
    const of = (pick: (r: RoundRun) => number) => spread(mine.map(pick));
    const groups = [...new Set(mine.flatMap((r) => r.cpuMsPerOrder.map(([group]) => group)))];
    const cpuMsPerOrder = groups
      .map((group): [string, number] => [
        group,
        of((r) => r.cpuMsPerOrder.find(([g]) => g === group)?.[1] ?? 0).median,
      ])
      .sort((a, b) => b[1] - a[1]);
    return {
      path,
      rate: mine[0]!.run.rate ?? Number.NaN,
      duration: mine[0]!.run.duration,
      rounds: mine.length,
      p50: of((r) => r.run.p50),
      p95: of((r) => r.run.p95),
      p99: of((r) => r.run.p99),
      max: of((r) => r.run.max),
      p50OverFloor: of((r) => r.run.p50 / r.floorSumMs),
      failed: mine.reduce((n, r) => n + Math.round(r.run.errorRate * r.run.requests), 0),
      dropped: mine.reduce((n, r) => n + r.run.dropped, 0),
      requests: mine.reduce((n, r) => n + r.run.requests, 0),
      cpuMsPerOrder,
      runtime: runtimeOf(mine),
    };
  });
}

function runtimeOf(runs: readonly RoundRun[]): RuntimeSummary[] {
  const apps = [...new Set(runs.flatMap((r) => r.runtime.map((f) => f.app)))];
  return apps.map((app) => {
    const figures = runs.flatMap((r) => r.runtime.filter((f) => f.app === app));
    const poolWaitMax: Record<string, number> = {};
    for (const f of figures) {
      for (const [store, n] of Object.entries(f.poolWaitMax)) {
        poolWaitMax[store] = Math.max(poolWaitMax[store] ?? 0, n);
      }
    }
    return {
      app,
      loopLateP99Ms: spread(figures.map((f) => f.loopLateP99Ms)),
      loopLateMaxMs: spread(figures.map((f) => f.loopLateMaxMs)),
      gcMsPerS: spread(figures.map((f) => f.gcMsPerS)),
      gcPerS: spread(figures.map((f) => f.gcPerS)),
      poolWaitMax,
    };
  });
}
