/** Saga statuses; COMPLETED, REJECTED and COMPENSATED are terminal, STUCK waits for a person. */
export type SagaStatus =
  'RUNNING' | 'COMPENSATING' | 'COMPLETED' | 'REJECTED' | 'COMPENSATED' | 'STUCK';

/** How a saga that stopped going forward will end once its compensations are done. */
export type SagaEnding = 'completed' | 'rejected' | 'compensated';

export const TERMINAL_STATUSES: ReadonlySet<SagaStatus> = new Set([
  'COMPLETED',
  'REJECTED',
  'COMPENSATED',
]);

export interface SagaState {
  status: SagaStatus;
  stepIndex: number;
  attempts: number;
  ending: SagaEnding | null;
}

export type StepAction = 'execute' | 'compensate';

/**
 * What happened when a step ran. `rejected`: a business refusal, nothing was done (a declined
 * payment). `failed`: nothing was done. `unknown`: it may have been done (a timed-out charge).
 */
export type StepOutcome = 'succeeded' | 'rejected' | 'failed' | 'unknown';

export interface StepShape {
  name: string;
  compensable: boolean;
  /** `compensate`: undo the earlier steps; `retry`: keep trying this step (forward recovery). */
  onFailure: 'compensate' | 'retry';
}

export function isTerminal(status: SagaStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}
