import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failed, formatReport, type ChaosResult } from './chaos-report.js';

const result = (overrides: Partial<ChaosResult> = {}): ChaosResult => ({
  seed: 42,
  requested: 200,
  rate: 15,
  concurrency: 16,
  stats: {
    submitted: 200,
    placed: 199,
    gaveUp: 1,
    duplicates: 15,
    cancels: 9,
    inFlight: 0,
    attempts: 260,
    retries: 45,
    retriedBecause: { ECONNREFUSED: 30, 'HTTP 500': 15 },
    unexpected: [],
  },
  faults: [
    { kind: 'orders-kill', atOrder: 20, durationMs: 500, at: 1_000, note: '' },
    { kind: 'orders-kill', atOrder: 90, durationMs: 500, at: 9_000, note: '' },
    { kind: 'mongo-reset', atOrder: 150, durationMs: 300, at: 15_000, note: '' },
  ],
  streamMs: 31_250,
  recoveryWindowMs: 90_000,
  recoveredMs: 2_400,
  ordersByStatus: { REJECTED: 30, APPROVED: 140, CANCELLED: 29 },
  violations: [],
  logDir: '/tmp/chaos-logs',
  ...overrides,
});

describe('chaos report', () => {
  it('prints orders placed, faults by kind (zeros too), recovery time and 0 violations', () => {
    const text = formatReport(result());
    assert.match(text, /orders placed:\s+199 of 200 \(1 given up\)/);
    assert.match(
      text,
      /faults injected:\s+3: payments-latency 0, .*orders-kill 2, .*mongo-reset 1/,
    );
    assert.match(text, /recovery time:\s+2\.4 s/);
    assert.match(text, /orders by status:\s+APPROVED 140, CANCELLED 29, REJECTED 30/);
    assert.match(text, /invariant violations:\s+0\n/);
    assert.match(text, /RESULT: PASSED/);
    assert.equal(failed(result()), false);
  });

  it('fails naming each violated invariant and order', () => {
    const broken = result({
      violations: [
        {
          invariant: 'no-net-charge',
          orderId: 'o-1',
          detail: 'order CANCELLED but payment CAPTURED',
        },
        {
          invariant: 'no-net-charge',
          orderId: 'o-2',
          detail: 'order CANCELLED but payment CAPTURED',
        },
      ],
    });
    const text = formatReport(broken);
    assert.match(text, /invariant violations:\s+2 \(no-net-charge 2\)/);
    assert.match(text, /VIOLATION no-net-charge: order o-1: order CANCELLED but payment CAPTURED/);
    assert.match(text, /RESULT: FAILED/);
    assert.equal(failed(broken), true);
  });

  it('fails on an answer no fault explains, and says when recovery ran out', () => {
    const stats = { ...result().stats, unexpected: ['create #3: HTTP 409 {}'] };
    const text = formatReport(result({ stats, recoveredMs: undefined }));
    assert.match(text, /recovery time:\s+NOT RECOVERED within 90\.0 s/);
    assert.match(text, /unexpected create #3: HTTP 409/);
    assert.equal(failed(result({ stats })), true);
  });

  it('with replicas, counts their fault kinds and gives takeover times against the lease', () => {
    const text = formatReport(
      result({
        replicas: {
          count: 2,
          leaseMs: 5_000,
          takeover: [
            {
              how: 'killed',
              engines: 3,
              sagas: 7,
              waitedP50Ms: 4_200,
              waitedMaxMs: 5_400,
              sinceTransitionP50Ms: 4_600,
              sinceTransitionMaxMs: 6_100,
              notTakenOver: 0,
            },
            {
              how: 'handed back',
              engines: 2,
              sagas: 0,
              waitedP50Ms: Number.NaN,
              waitedMaxMs: Number.NaN,
              sinceTransitionP50Ms: Number.NaN,
              sinceTransitionMaxMs: Number.NaN,
              notTakenOver: 0,
            },
          ],
        },
      }),
    );
    assert.match(text, /2 replicas of orders and payments behind NGINX/);
    assert.match(text, /orders-replica-kill 0, payments-replica-kill 0, orders-rolling-restart 0/);
    assert.match(
      text,
      /takeover after kill:\s+7 sagas held at 3 kills waited p50 4\.2 s, max 5\.4 s after the exit \(SAGA_LEASE_MS 5\.0 s\); p50 4\.6 s, max 6\.1 s after their last transition\n/,
    );
    assert.match(
      text,
      /takeover after SIGTERM:\s*none of the sagas held at 2 SIGTERMs waited for another engine/,
    );
  });

  it('without replicas, has no replica kinds and no takeover line', () => {
    const text = formatReport(result());
    assert.doesNotMatch(text, /replica|takeover/);
  });
});
