import type { EntityManager } from 'typeorm';
import type { SagaInstanceEntity } from '../persistence/saga-instance.entity.js';
import type { SagaDefinition, StepContext } from './saga-definition.js';
import type { SagaState, StepOutcome } from './saga-state.js';
import { LocalStepFailure } from './saga.errors.js';

export interface LocalResult {
  outcome: StepOutcome;
  error: string;
  startedAt: Date;
  finishedAt: Date;
}

/**
 * Runs the local step the saga stands at, in the transition's transaction. A step named by
 * `failedLocal` threw in an earlier try of this transition and is recorded as failed instead.
 */
export async function executeLocalStep(
  manager: EntityManager,
  definition: SagaDefinition,
  saga: SagaInstanceEntity,
  state: SagaState,
  at: Date,
  failedLocal?: LocalStepFailure,
): Promise<LocalResult> {
  const startedAt = new Date();
  if (failedLocal?.index === state.stepIndex) {
    return { outcome: 'failed', error: failedLocal.message, startedAt, finishedAt: startedAt };
  }
  const step = definition.steps[state.stepIndex]!;
  const ctx: StepContext = {
    sagaId: saga.id,
    orderId: saga.orderId,
    attempt: state.attempts + 1,
    payload: saga.payload,
    manager,
    at,
  };
  try {
    const result = await step.execute(ctx);
    const error = result.outcome === 'rejected' ? result.reason : '';
    return { outcome: result.outcome, error, startedAt, finishedAt: new Date() };
  } catch (error) {
    // Its writes must not commit: fail the whole try; the engine re-applies with it failed.
    throw new LocalStepFailure(
      state.stepIndex,
      error instanceof Error ? error.message : String(error),
    );
  }
}
