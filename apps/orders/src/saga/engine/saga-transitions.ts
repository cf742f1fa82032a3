import type { SagaEnding, SagaState, StepAction, StepOutcome, StepShape } from './saga-state.js';

/**
 * The saga state machine, pure: given the steps, the current state and what a step just did,
 * the next state. The engine persists it; nothing here does I/O.
 */
export function nextState(
  steps: readonly StepShape[],
  state: SagaState,
  action: StepAction,
  outcome: StepOutcome,
  maxAttempts: number,
): SagaState {
  const i = state.stepIndex;
  if (action === 'compensate') {
    if (outcome === 'succeeded') return compensateFrom(steps, i - 1, state.ending ?? 'compensated');
    return retryOrStuck(state, maxAttempts);
  }
  switch (outcome) {
    case 'succeeded':
      return i + 1 >= steps.length
        ? { status: 'COMPLETED', stepIndex: i, attempts: 0, ending: 'completed' }
        : { status: 'RUNNING', stepIndex: i + 1, attempts: 0, ending: null };
    case 'rejected':
      return compensateFrom(steps, i - 1, 'rejected');
    case 'failed':
    case 'unknown':
      if (steps[i]!.onFailure === 'retry') return retryOrStuck(state, maxAttempts);
      // A step that may have taken effect is compensated too; one that surely did not is not.
      return compensateFrom(steps, outcome === 'unknown' ? i : i - 1, 'compensated');
  }
}

function compensateFrom(steps: readonly StepShape[], from: number, ending: SagaEnding): SagaState {
  for (let j = from; j >= 0; j -= 1) {
    if (steps[j]!.compensable) return { status: 'COMPENSATING', stepIndex: j, attempts: 0, ending };
  }
  const status = ending === 'rejected' ? 'REJECTED' : 'COMPENSATED';
  return { status, stepIndex: Math.max(from, 0), attempts: 0, ending };
}

function retryOrStuck(state: SagaState, maxAttempts: number): SagaState {
  const attempts = state.attempts + 1;
  return attempts >= maxAttempts ? { ...state, status: 'STUCK', attempts } : { ...state, attempts };
}

/** The action a non-terminal saga performs next, or undefined when it waits or is done. */
export function pendingAction(state: SagaState): StepAction | undefined {
  if (state.status === 'RUNNING') return 'execute';
  if (state.status === 'COMPENSATING') return 'compensate';
  return undefined;
}

/** The transition kept the saga at the same action with one more attempt: a retry is due. */
export function isRetry(before: SagaState, next: SagaState): boolean {
  return next.status === before.status && next.attempts > before.attempts;
}
