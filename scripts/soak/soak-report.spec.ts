import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSoakReport, soakFailures, type SoakResult, type SoakSample } from './soak-report.js';

const sample = (atMs: number, ordersRssMb: number, measured = true): SoakSample => ({
  atMs,
  measured,
  window: { answered: 1_000, p50Ms: 4, p95Ms: 11, p99Ms: 25 },
  backlog: { RUNNING: 2, COMPENSATING: 1, STUCK: 0 },
  processes: [
    { name: 'auth', rssMb: 100, loopLateP50Ms: 0.1, loopLateP99Ms: 2, loopLateMaxMs: 10 },
    { name: 'orders', rssMb: ordersRssMb, loopLateP50Ms: 0.2, loopLateP99Ms: 5, loopLateMaxMs: 21 },
  ],
});

const result = (overrides: Partial<SoakResult> = {}): SoakResult => ({
  options: {
    rate: 100,
    durationMs: 120_000,
    warmupMs: 20_000,
    sampleMs: 10_000,
    maxRssGrowthPercent: 15,
  },
  when: '2026-11-29T12:00:00.000Z',
  durability: { fsync: 'on', synchronousCommit: 'on' },
  sent: 14_000,
  samples: [sample(10_000, 150, false), sample(30_000, 200), sample(140_000, 220)],
  errors: [],
  drainedBacklog: { RUNNING: 0, COMPENSATING: 0, STUCK: 0 },
  logDir: '/tmp/soak-logs',
  ...overrides,
});

describe('soak report', () => {
  it('passes and gives each process RSS and event-loop delay from the first sample after warm-up to the last', () => {
    const text = formatSoakReport(result());
    assert.deepEqual(soakFailures(result()), []);
    assert.match(
      text,
      /orders\s+200\.0 → 220\.0 \(\+10\.0 %\)\s+0\.2 \/ 5\.0 \/ 21\.0 → 0\.2 \/ 5\.0 \/ 21\.0/,
    );
    assert.match(
      text,
      /answers\/s \(orders and cancels\) 100\.0 → 100\.0; latency p50 4\.0 → 4\.0 ms/,
    );
    assert.match(text, /saga backlog .*: max 3, after the load 0\n {2}0:10 3, 0:30 3, 2:20 3/);
    assert.match(text, /errors: 0\n/);
    assert.match(text, /RESULT: PASSED/);
  });

  it('fails on RSS growth past the bound, counted from after the warm-up', () => {
    const grown = result({
      samples: [sample(10_000, 100, false), sample(30_000, 200), sample(140_000, 240)],
    });
    assert.deepEqual(soakFailures(grown), ['orders RSS grew 20.0 % (bound 15 %)']);
    assert.match(formatSoakReport(grown), /RESULT: FAILED \(orders RSS grew 20\.0 %/);
  });

  it('fails on any error and lists each kind with its count and an example', () => {
    const errors = [
      {
        what: 'create: HTTP 502',
        count: 3,
        firstAtMs: 61_000,
        lastAtMs: 65_000,
        example: '{"status":502}',
      },
    ];
    const text = formatSoakReport(result({ errors }));
    assert.match(
      text,
      /errors: 3\n {2}3 × create: HTTP 502 \(first 1:01, last 1:05\): \{"status":502\}/,
    );
    assert.deepEqual(soakFailures(result({ errors })), ['3 errors']);
  });

  it('fails when sagas are left unfinished after the load', () => {
    const stuck = result({ drainedBacklog: { RUNNING: 0, COMPENSATING: 0, STUCK: 2 } });
    assert.deepEqual(soakFailures(stuck), ['2 sagas unfinished after the load stopped']);
  });
});
