import type { EntityManager } from 'typeorm';
import type { PayloadSchema } from './payload-schema.js';

/** A step did its work, or the business refused it (nothing was done: a declined payment). */
export type StepResult = { outcome: 'succeeded' } | { outcome: 'rejected'; reason: string };

export const succeeded = (): StepResult => ({ outcome: 'succeeded' });
export const rejected = (reason: string): StepResult => ({ outcome: 'rejected', reason });

/** How a saga that stopped going forward ends once its compensations are done. */
export type SagaEnding = 'completed' | 'rejected' | 'compensated';

export interface StepContext<P> {
  sagaId: string;
  /** The business key the saga is about (an order id), unique per saga type. */
  correlationId: string;
  /** 1 on the first try of this action; tries that never reached their target do not count. */
  attempt: number;
  payload: P;
  /** The starting request's credentials while the saga runs in that request; else undefined. */
  credentials?: string;
  /** When this try began; a local step stamps its writes with it. */
  at: Date;
}

/**
 * A local step runs inside the transaction that records it: its writes commit with the saga.
 * Writes sent with `sendSql` leave with the transition, unanswered (see the library README).
 */
export interface LocalStepContext<P, Tx = EntityManager> extends StepContext<P> {
  tx: Tx;
}

interface StepShape {
  /** Unique within the definition; recorded on the saga and in its timeline. */
  readonly name: string;
  /** On failure: undo what came before (default) or retry this step until it succeeds. */
  readonly onFailure?: 'compensate' | 'retry';
}

/** A call to another service: runs outside any transaction, may time out or fail. */
export interface RemoteStep<P> extends StepShape {
  readonly local?: false;
  execute(ctx: StepContext<P>): Promise<StepResult>;
  compensate?(ctx: StepContext<P>): Promise<void>;
}

export interface LocalStep<P, Tx = EntityManager> extends StepShape {
  readonly local: true;
  execute(ctx: LocalStepContext<P, Tx>): Promise<StepResult>;
  compensate?(ctx: LocalStepContext<P, Tx>): Promise<void>;
}

export type SagaStep<P, Tx = EntityManager> = RemoteStep<P> | LocalStep<P, Tx>;

/** What `onEnd` is told, in the transaction that records the saga's end. */
export interface SagaEnd<P, Tx = EntityManager> {
  tx: Tx;
  sagaId: string;
  correlationId: string;
  payload: P;
  ending: SagaEnding;
  /** The last error recorded, or the operator's note when a person resolved the saga. */
  reason: string;
  at: Date;
}

/** A saga type's name with its payload type attached, so `begin` checks what it is given. */
export interface SagaType<P> {
  readonly name: string;
  /** Never set: carries P for the type checker only. */
  readonly payloadType?: P;
}

export function sagaType<P>(name: string): SagaType<P> {
  return { name };
}

/**
 * One version of a saga type: its steps in order and what its end means for the app. A
 * running saga keeps the version it started on; change the steps by adding a version.
 */
export interface SagaDefinition<P, Tx = EntityManager> {
  readonly type: SagaType<P>;
  readonly version: number;
  readonly payload: PayloadSchema<P>;
  readonly steps: readonly SagaStep<P, Tx>[];
  /** Runs in the transaction that records the end; throwing leaves the saga STUCK instead. */
  onEnd?(end: SagaEnd<P, Tx>): Promise<void>;
}

/**
 * The engine handles definitions of every payload alike (steps are declared with method syntax,
 * so a definition of a specific payload is one of these).
 */
export type AnySagaDefinition = SagaDefinition<unknown, unknown>;
