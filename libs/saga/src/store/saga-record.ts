import type { SagaEnding } from '../definition/saga-definition.js';
import type { SagaStatus, StepAction } from '../engine/saga-state.js';

/** A saga as stored: its definition (type, version), where it stands, and who holds it. */
export interface SagaRecord {
  id: string;
  type: string;
  /** The definition version it started on and runs to its end on. */
  version: number;
  correlationId: string;
  status: SagaStatus;
  /** The step the saga stands at (its name in the saga's own version). */
  step: string;
  attempts: number;
  lastError: string;
  ending: SagaEnding | null;
  /** The engine holding the lease; null when handed to the recovery worker. */
  owner: string | null;
  /** Lease expiry while owned; earliest retry while released. */
  nextAttemptAt: Date;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  /** The saga's input, written once at start; checked against the definition's schema. */
  payload: unknown;
  /** Bumped by every write: a transition applies only to the revision it ran against. */
  revision: number;
}

/** What the engine did (execute, compensate) or a person did through an operator action. */
export type TimelineAction = StepAction | 'operator';

/** One row of a saga's timeline, as written. */
export interface TimelineEntry {
  sagaId: string;
  step: string;
  action: TimelineAction;
  /** succeeded | failed | retrying | unknown, or the operator's action (retry-now, resolved). */
  outcome: string;
  attempt: number;
  error: string;
  startedAt: Date;
  finishedAt: Date;
  traceId: string;
  actor: string | null;
  note: string | null;
}

/** A timeline row as read back, numbered by the store in the order it was written. */
export interface StoredTimelineEntry extends TimelineEntry {
  seq: string;
}
