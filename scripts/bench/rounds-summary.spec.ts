import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RoundRun } from './bench-rounds.js';
import { verdicts } from './bench-targets.js';
import type { LoadResult } from './k6-run.js';
import { spread, summarise } from './rounds-summary.js';

function roundRun(
  round: number,
  path: string,
  p95: number,
  extra: Partial<LoadResult> = {},
): RoundRun {
  return {
    round,
    path,
    floorSumMs: 4,
    run: {
      label: path,
      target: 'grpc',
      model: 'open',
      rate: 200,
      duration: '30s',
      p50: 2 * round + 4,
      p95,
      p99: p95 * 2,
      max: 100,
      requests: 6000,
      throughput: 200,
      errorRate: 0,
      dropped: 0,
      ...extra,
    },
    cpuMsPerOrder: [
      ['orders', round],
      ['k6', 1],
    ],
    runtime: [
      {
        app: 'orders',
        loopLateP99Ms: round,
        loopLateMaxMs: 10 * round,
        gcMsPerS: 5,
        gcPerS: 2,
        poolWaitMax: { orders: round - 1 },
      },
    ],
  };
}

describe('bench rounds', () => {
  it('gives the median with the lowest and highest, of odd and even counts', () => {
    assert.deepEqual(spread([9, 1, 5]), { median: 5, min: 1, max: 9 });
    assert.deepEqual(spread([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4 });
    assert.ok(Number.isNaN(spread([]).median));
  });

  it('reduces each path over its rounds: latency, floor ratio, losses, CPU and runtime', () => {
    const runs = [
      roundRun(1, 'CreateOrder gRPC', 12),
      roundRun(1, 'CreateOrder HTTP via gateway', 20, { dropped: 2, errorRate: 0.001 }),
      roundRun(2, 'CreateOrder gRPC', 14),
      roundRun(2, 'CreateOrder HTTP via gateway', 16),
      roundRun(3, 'CreateOrder gRPC', 30),
      roundRun(3, 'CreateOrder HTTP via gateway', 18),
    ];
    const [grpc, http] = summarise(runs);
    assert.equal(grpc!.path, 'CreateOrder gRPC');
    assert.deepEqual(grpc!.p95, { median: 14, min: 12, max: 30 });
    assert.deepEqual(grpc!.p50OverFloor, { median: 2, min: 1.5, max: 2.5 });
    assert.deepEqual(grpc!.cpuMsPerOrder, [
      ['orders', 2],
      ['k6', 1],
    ]);
    assert.deepEqual(grpc!.runtime[0]!.loopLateMaxMs, { median: 20, min: 10, max: 30 });
    assert.deepEqual(grpc!.runtime[0]!.poolWaitMax, { orders: 2 });
    assert.equal(http!.dropped, 2);
    assert.equal(http!.failed, 6);
    assert.equal(http!.requests, 18000);
  });

  it('checks each target against the medians and misses one on any loss', () => {
    const runs = [1, 2, 3].flatMap((round) => [
      roundRun(round, 'CreateOrder gRPC', 14),
      roundRun(round, 'CreateOrder gRPC 300/s', 26, round === 2 ? { dropped: 1 } : {}),
    ]);
    const byTarget = Object.fromEntries(
      verdicts(summarise(runs)).map((v) => [`${v.path}: ${v.target}`, v.met]),
    );
    assert.deepEqual(byTarget, {
      'CreateOrder gRPC: p95 < 15 ms': true,
      'CreateOrder gRPC: p99 < 30 ms': true,
      'CreateOrder gRPC: p50 ≤ 2x floor': true,
      'CreateOrder gRPC: 0 failed, 0 dropped': true,
      'CreateOrder gRPC 300/s: p95 < 25 ms': false,
      'CreateOrder gRPC 300/s: 0 failed, 0 dropped': false,
    });
  });
});
