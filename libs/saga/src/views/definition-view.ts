import type { AnySagaDefinition } from '../definition/saga-definition.js';

/** One registered saga version as apps show it: its steps, in order, and what each can do. */
export interface SagaDefinitionView {
  type: string;
  version: number;
  /** New sagas of the type start on this version. */
  newest: boolean;
  steps: {
    name: string;
    local: boolean;
    compensable: boolean;
    onFailure: 'compensate' | 'retry';
  }[];
}

export function toDefinitionView(
  definition: AnySagaDefinition,
  newest: boolean,
): SagaDefinitionView {
  return {
    type: definition.type.name,
    version: definition.version,
    newest,
    steps: definition.steps.map((step) => ({
      name: step.name,
      local: step.local === true,
      compensable: step.compensate !== undefined,
      onFailure: step.onFailure ?? 'compensate',
    })),
  };
}
