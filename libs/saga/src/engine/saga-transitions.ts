import type { SagaEnding } from '../definition/saga-definition.js';
import type { SagaState, StepAction, StepOutcome, StepShape } from './saga-state.js';

/** When a failing action is given up on (the saga becomes STUCK for a person). */
export interface GiveUpPolicy {
  /** Tries that reached the target. */
  maxAttempts: number;
  /** Time since the action first failed, whether or not its tries reached the target. */
  giveUpAfterMs: number;
}

export interface Transition {
  next: SagaState;
  /** The same action is to be tried again later (after a backoff), not at once. */
  retrying: boolean;
}

/**
 * The saga state machine, pure: given the steps, the current state and what a step's action
 * just did, the next state. The engine persists it; nothing here does I/O.
 */
export function nextState(
  steps: readonly StepShape[],
  state: SagaState,
  action: StepAction,
  outcome: StepOutcome,
  policy: GiveUpPolicy,
  now: Date,
): Transition {
  const i = state.stepIndex;
  if (action === 'compensate') {
    if (outcome === 'succeeded') return advanced(compensateFrom(steps, i - 1, state.ending));
    return retryOrStuck(state, outcome, policy, now);
  }
  switch (outcome) {
    case 'succeeded':
      return advanced(
        i + 1 >= steps.length
          ? { ...settled('COMPLETED', i, 'completed') }
          : { ...settled('RUNNING', i + 1, null) },
      );
    case 'rejected':
      return advanced(compensateFrom(steps, i - 1, 'rejected'));
    case 'failed':
    case 'unknown':
    case 'not-attempted':
      if (steps[i]!.onFailure === 'retry') return retryOrStuck(state, outcome, policy, now);
      // A step that may have taken effect is compensated too; one that surely did not is not.
      return advanced(compensateFrom(steps, outcome === 'unknown' ? i : i - 1, 'compensated'));
  }
}

function settled(status: SagaState['status'], stepIndex: number, ending: SagaEnding | null) {
  return { status, stepIndex, attempts: 0, ending, failingSince: null };
}

function advanced(next: SagaState): Transition {
  return { next, retrying: false };
}

function compensateFrom(
  steps: readonly StepShape[],
  from: number,
  ending: SagaEnding | null,
): SagaState {
  const end = ending ?? 'compensated';
  for (let j = from; j >= 0; j -= 1) {
    if (steps[j]!.compensable) return settled('COMPENSATING', j, end);
  }
  return settled(end === 'rejected' ? 'REJECTED' : 'COMPENSATED', Math.max(from, 0), end);
}

function retryOrStuck(
  state: SagaState,
  outcome: StepOutcome,
  policy: GiveUpPolicy,
  now: Date,
): Transition {
  const attempts = outcome === 'not-attempted' ? state.attempts : state.attempts + 1;
  const failingSince = state.failingSince ?? now;
  const outOfTries = attempts >= policy.maxAttempts;
  const outOfTime = now.getTime() - failingSince.getTime() >= policy.giveUpAfterMs;
  const next = { ...state, attempts, failingSince };
  if (outOfTries || outOfTime) return { next: { ...next, status: 'STUCK' }, retrying: false };
  return { next, retrying: true };
}
