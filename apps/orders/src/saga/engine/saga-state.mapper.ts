import type { SagaInstanceEntity } from '../persistence/saga-instance.entity.js';
import type { SagaDefinition } from './saga-definition.js';
import type { SagaState } from './saga-state.js';

/** The state machine's view of a saga row. */
export function stateOf(definition: SagaDefinition, saga: SagaInstanceEntity): SagaState {
  const stepIndex = definition.steps.findIndex((step) => step.name === saga.step);
  if (stepIndex < 0)
    throw new Error(`saga ${saga.id}: step ${saga.step} not in ${definition.type}`);
  return { status: saga.status, stepIndex, attempts: saga.attempts, ending: saga.ending };
}
