import type { SagaEnding } from '../definition/saga-definition.js';
import type { SagaStatus } from '../engine/saga-state.js';
import type { SagaRecord, StoredTimelineEntry, TimelineAction } from '../store/saga-record.js';

/** A saga as callers see it: no lease, no revision, no payload. */
export interface SagaView {
  id: string;
  type: string;
  version: number;
  correlationId: string;
  status: SagaStatus;
  step: string;
  attempts: number;
  lastError: string;
  ending: SagaEnding | null;
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** One timeline row as callers see it, numbered 1..n in the order the rows were written. */
export interface TimelineView {
  seq: number;
  step: string;
  action: TimelineAction;
  outcome: string;
  attempt: number;
  error: string;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  /** Empty when the step ran outside any recorded trace. */
  traceId: string;
  actor: string | null;
  note: string | null;
}

export interface SagaWithTimeline {
  saga: SagaView;
  timeline: TimelineView[];
}

export function toSagaView(record: SagaRecord): SagaView {
  const {
    owner: _owner,
    revision: _revision,
    payload: _payload,
    failingSince: _since,
    ...view
  } = record;
  return view;
}

export function toTimelineView(entry: StoredTimelineEntry, index: number): TimelineView {
  return {
    seq: index + 1,
    step: entry.step,
    action: entry.action,
    outcome: entry.outcome,
    attempt: entry.attempt,
    error: entry.error,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    durationMs: entry.finishedAt.getTime() - entry.startedAt.getTime(),
    // Spans that were never recorded carry the all-zero invalid id: no trace to link to.
    traceId: /^0*$/.test(entry.traceId) ? '' : entry.traceId,
    actor: entry.actor,
    note: entry.note,
  };
}
