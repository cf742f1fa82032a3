import type { SagaEnding } from '../definition/saga-definition.js';

/** COMPLETED, REJECTED and COMPENSATED are terminal; STUCK waits for a person. */
export type SagaStatus =
  'RUNNING' | 'COMPENSATING' | 'COMPLETED' | 'REJECTED' | 'COMPENSATED' | 'STUCK';

export const TERMINAL_STATUSES: readonly SagaStatus[] = ['COMPLETED', 'REJECTED', 'COMPENSATED'];
/** Statuses that still need the engine or a person. */
export const UNFINISHED_STATUSES: readonly SagaStatus[] = ['RUNNING', 'COMPENSATING', 'STUCK'];

export function isTerminal(status: SagaStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export type StepAction = 'execute' | 'compensate';

/**
 * What one try of a step's action did. `rejected`: a business refusal, nothing was done.
 * `failed`: nothing was done. `unknown`: it may have been done (a timed-out call).
 * `not-attempted`: the target was never reached (an open circuit breaker): it costs no attempt.
 */
export type StepOutcome = 'succeeded' | 'rejected' | 'failed' | 'unknown' | 'not-attempted';

export interface SagaState {
  status: SagaStatus;
  stepIndex: number;
  /** Tries of the current action that reached their target and failed. */
  attempts: number;
  ending: SagaEnding | null;
  /** When the current action first failed; null while nothing is failing. */
  failingSince: Date | null;
}

/** A step as the state machine sees it. */
export interface StepShape {
  onFailure: 'compensate' | 'retry';
  compensable: boolean;
}
