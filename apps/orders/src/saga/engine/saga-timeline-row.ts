import type { SagaStepEntity } from '../persistence/saga-step.entity.js';
import type { SagaDefinition } from './saga-definition.js';
import type { SagaState, StepOutcome } from './saga-state.js';
import { isRetry } from './saga-transitions.js';

export type TimelineRow = Omit<SagaStepEntity, 'seq'>;

export interface RowInput {
  index: number;
  action: 'execute' | 'compensate';
  outcome: StepOutcome;
  error: string;
  before: SagaState;
  next: SagaState;
  startedAt: Date;
  finishedAt: Date;
  traceId: string;
}

/** The timeline row recording one step's action and how it went. */
export function timelineRow(
  sagaId: string,
  definition: SagaDefinition,
  entry: RowInput,
): TimelineRow {
  const { before, next } = entry;
  return {
    sagaId,
    step: definition.steps[entry.index]!.name,
    action: entry.action,
    outcome: timelineOutcome(entry.outcome, isRetry(before, next)),
    attempt: before.attempts + 1,
    error: entry.error.slice(0, 2000),
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    traceId: entry.traceId,
  };
}

function timelineOutcome(outcome: StepOutcome, retrying: boolean): string {
  if (outcome === 'succeeded') return 'succeeded';
  if (retrying) return 'retrying';
  return outcome === 'unknown' ? 'unknown' : 'failed';
}
