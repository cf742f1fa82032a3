import type { PathSummary } from './rounds-summary.js';

/** One target of the performance issue, checked against the medians of the rounds. */
export interface Verdict {
  path: string;
  target: string;
  actual: string;
  met: boolean;
}

const TARGETS: Record<string, { p95: number; p99?: number; floorRatio?: number }> = {
  'CreateOrder gRPC': { p95: 15, p99: 30, floorRatio: 2 },
  'CreateOrder HTTP via gateway': { p95: 15, p99: 30, floorRatio: 2 },
  'CreateOrder gRPC 300/s': { p95: 25 },
};

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Every target that applies to a measured path: p95, p99, p50 over the floor, nothing lost. */
export function verdicts(paths: readonly PathSummary[]): Verdict[] {
  return paths.flatMap((summary) => {
    const target = TARGETS[summary.path];
    if (!target) return [];
    const checks: Array<Omit<Verdict, 'path'> | undefined> = [
      {
        target: `p95 < ${target.p95} ms`,
        actual: ms(summary.p95.median),
        met: summary.p95.median < target.p95,
      },
      target.p99 === undefined
        ? undefined
        : {
            target: `p99 < ${target.p99} ms`,
            actual: ms(summary.p99.median),
            met: summary.p99.median < target.p99,
          },
      target.floorRatio === undefined
        ? undefined
        : {
            target: `p50 ≤ ${target.floorRatio}x floor`,
            actual: `${summary.p50OverFloor.median.toFixed(2)}x`,
            met: summary.p50OverFloor.median <= target.floorRatio,
          },
      {
        target: '0 failed, 0 dropped',
        actual: `${summary.failed} failed, ${summary.dropped} dropped`,
        met: summary.failed === 0 && summary.dropped === 0,
      },
    ];
    return checks
      .filter((check) => check !== undefined)
      .map((check) => ({ path: summary.path, ...check }));
  });
}
