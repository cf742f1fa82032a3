import type { EntityManager } from 'typeorm';
import type { SagaEnding, StepShape } from './saga-state.js';

export interface StepContext {
  sagaId: string;
  orderId: string;
  attempt: number;
  /** The input the saga was started with. */
  payload: Record<string, unknown>;
  /** The caller's bearer token while the saga runs in the request that started it. */
  credentials?: string;
  /** Local steps get the transaction that also records their transition; others a plain manager. */
  manager: EntityManager;
  /** When this try runs; local steps stamp their writes with it, the time their transition records. */
  at: Date;
}

export type StepResult = { outcome: 'succeeded' } | { outcome: 'rejected'; reason: string };

/** Thrown by a step whose effect may or may not have happened (a timed-out remote call). */
export class StepOutcomeUnknownError extends Error {
  override readonly name = 'StepOutcomeUnknownError';
}

export interface SagaStepDefinition extends Omit<StepShape, 'compensable'> {
  /** Runs inside the transition's transaction, so its writes commit with the saga's progress. */
  local?: boolean;
  execute(ctx: StepContext): Promise<StepResult>;
  compensate?(ctx: StepContext): Promise<void>;
}

export interface SagaFinish {
  orderId: string;
  ending: SagaEnding;
  reason: string;
  /** The time the saga's last transition records, to stamp the order's change with. */
  at: Date;
}

/** A saga type: its steps in order, and what its end means for the order (same transaction). */
export interface SagaDefinition {
  readonly type: string;
  readonly steps: readonly SagaStepDefinition[];
  finish(manager: EntityManager, finish: SagaFinish): Promise<void>;
}

export const SAGA_DEFINITIONS = Symbol('SAGA_DEFINITIONS');

/** The shape the state machine needs: a step is compensable when it has a compensation. */
export function shapesOf(definition: SagaDefinition): StepShape[] {
  return definition.steps.map((step) => ({
    name: step.name,
    onFailure: step.onFailure,
    compensable: step.compensate !== undefined,
  }));
}
