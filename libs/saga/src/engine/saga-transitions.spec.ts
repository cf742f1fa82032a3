import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SagaState, StepShape } from './saga-state.js';
import { nextState, type GiveUpPolicy } from './saga-transitions.js';

const CREATE: StepShape[] = [
  { compensable: true, onFailure: 'compensate' }, // charge
  { compensable: false, onFailure: 'compensate' }, // confirm
];
const CANCEL: StepShape[] = [{ compensable: false, onFailure: 'retry' }]; // refund
const POLICY: GiveUpPolicy = { maxAttempts: 3, giveUpAfterMs: 60_000 };
const T0 = new Date('2026-11-29T12:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const at = (stepIndex: number, extra: Partial<SagaState> = {}): SagaState => ({
  status: 'RUNNING',
  stepIndex,
  attempts: 0,
  ending: null,
  failingSince: null,
  ...extra,
});
const compensating = (extra: Partial<SagaState> = {}) =>
  at(0, { status: 'COMPENSATING', ending: 'compensated', ...extra });
const step = (
  steps: StepShape[],
  state: SagaState,
  action: 'execute' | 'compensate',
  outcome: Parameters<typeof nextState>[3],
  now = T0,
) => nextState(steps, state, action, outcome, POLICY, now);

describe('saga transitions', () => {
  it('moves to the next step, then completes after the last', () => {
    assert.deepEqual(step(CREATE, at(0), 'execute', 'succeeded'), { next: at(1), retrying: false });
    assert.equal(step(CREATE, at(1), 'execute', 'succeeded').next.status, 'COMPLETED');
  });

  it('ends REJECTED with nothing to undo when the first step is refused', () => {
    const { next } = step(CREATE, at(0), 'execute', 'rejected');
    assert.deepEqual([next.status, next.ending], ['REJECTED', 'rejected']);
  });

  it('compensates the charge when confirm fails', () => {
    const { next } = step(CREATE, at(1), 'execute', 'failed');
    assert.deepEqual(next, compensating());
  });

  it('compensates a charge whose outcome is unknown, but not one that surely failed', () => {
    assert.equal(step(CREATE, at(0), 'execute', 'unknown').next.status, 'COMPENSATING');
    assert.equal(step(CREATE, at(0), 'execute', 'failed').next.status, 'COMPENSATED');
    // Refused before reaching payments (open breaker): nothing was charged, nothing to undo.
    assert.equal(step(CREATE, at(0), 'execute', 'not-attempted').next.status, 'COMPENSATED');
  });

  it('retries a failed compensation, then marks the saga STUCK after the last attempt', () => {
    const once = step(CREATE, compensating(), 'compensate', 'failed');
    assert.deepEqual(
      [once.next.status, once.next.attempts, once.retrying],
      ['COMPENSATING', 1, true],
    );
    assert.deepEqual(once.next.failingSince, T0);
    const twice = step(CREATE, once.next, 'compensate', 'unknown', later(10));
    assert.deepEqual(twice.next.failingSince, T0, 'failing since the first failure');
    const third = step(CREATE, twice.next, 'compensate', 'failed', later(20));
    assert.deepEqual([third.next.status, third.retrying], ['STUCK', false]);
  });

  it('counts no attempt for a compensation the breaker kept from payments', () => {
    let state = compensating({ attempts: 2 });
    for (let i = 0; i < 50; i += 1) {
      const { next, retrying } = step(CREATE, state, 'compensate', 'not-attempted', later(i));
      assert.deepEqual([next.status, next.attempts, retrying], ['COMPENSATING', 2, true]);
      state = next;
    }
  });

  it('gives up on a failing compensation after the give-up time, reached or not', () => {
    const failing = compensating({ attempts: 1, failingSince: T0 });
    const before = step(CREATE, failing, 'compensate', 'not-attempted', later(59_999));
    assert.equal(before.next.status, 'COMPENSATING');
    const after = step(CREATE, failing, 'compensate', 'not-attempted', later(60_000));
    assert.equal(after.next.status, 'STUCK');
  });

  it('finishes with the recorded ending once compensation succeeds, failures forgotten', () => {
    const state = compensating({ attempts: 2, failingSince: T0 });
    const { next } = step(CREATE, state, 'compensate', 'succeeded');
    assert.deepEqual([next.status, next.attempts, next.failingSince], ['COMPENSATED', 0, null]);
  });

  it('retries a forward-recovery step instead of compensating it', () => {
    const { next, retrying } = step(CANCEL, at(0), 'execute', 'unknown');
    assert.deepEqual([next.status, next.attempts, retrying], ['RUNNING', 1, true]);
    assert.equal(step(CANCEL, { ...next, attempts: 2 }, 'execute', 'failed').next.status, 'STUCK');
    assert.equal(step(CANCEL, next, 'execute', 'not-attempted').next.attempts, 1);
  });
});
