import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SagaState, StepShape } from './saga-state.js';
import { nextState } from './saga-transitions.js';

const CREATE: StepShape[] = [
  { name: 'charge', compensable: true, onFailure: 'compensate' },
  { name: 'confirm', compensable: false, onFailure: 'compensate' },
];
const CANCEL: StepShape[] = [{ name: 'refund', compensable: false, onFailure: 'retry' }];
const at = (stepIndex: number, extra: Partial<SagaState> = {}): SagaState => ({
  status: 'RUNNING',
  stepIndex,
  attempts: 0,
  ending: null,
  ...extra,
});

describe('saga transitions', () => {
  it('moves to the next step, then completes after the last', () => {
    assert.deepEqual(nextState(CREATE, at(0), 'execute', 'succeeded', 3), at(1));
    assert.equal(nextState(CREATE, at(1), 'execute', 'succeeded', 3).status, 'COMPLETED');
  });

  it('ends REJECTED with nothing to undo when the first step is refused', () => {
    const next = nextState(CREATE, at(0), 'execute', 'rejected', 3);
    assert.deepEqual([next.status, next.ending], ['REJECTED', 'rejected']);
  });

  it('compensates the charge when confirm fails', () => {
    const next = nextState(CREATE, at(1), 'execute', 'failed', 3);
    assert.deepEqual(next, {
      status: 'COMPENSATING',
      stepIndex: 0,
      attempts: 0,
      ending: 'compensated',
    });
  });

  it('compensates a charge whose outcome is unknown, but not one that surely failed', () => {
    assert.equal(nextState(CREATE, at(0), 'execute', 'unknown', 3).status, 'COMPENSATING');
    assert.equal(nextState(CREATE, at(0), 'execute', 'failed', 3).status, 'COMPENSATED');
  });

  it('retries a failed compensation, then marks the saga STUCK after the last attempt', () => {
    const compensating = at(0, { status: 'COMPENSATING', ending: 'compensated' });
    const once = nextState(CREATE, compensating, 'compensate', 'failed', 3);
    assert.deepEqual([once.status, once.attempts], ['COMPENSATING', 1]);
    const twice = nextState(CREATE, once, 'compensate', 'failed', 3);
    assert.equal(nextState(CREATE, twice, 'compensate', 'failed', 3).status, 'STUCK');
  });

  it('finishes with the recorded ending once compensation succeeds', () => {
    const compensating = at(0, { status: 'COMPENSATING', ending: 'compensated', attempts: 2 });
    assert.equal(
      nextState(CREATE, compensating, 'compensate', 'succeeded', 3).status,
      'COMPENSATED',
    );
  });

  it('retries a forward-recovery step instead of compensating it', () => {
    const next = nextState(CANCEL, at(0), 'execute', 'unknown', 3);
    assert.deepEqual([next.status, next.attempts], ['RUNNING', 1]);
    assert.equal(
      nextState(CANCEL, { ...next, attempts: 2 }, 'execute', 'failed', 3).status,
      'STUCK',
    );
  });
});
