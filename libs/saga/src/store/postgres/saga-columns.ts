import type { SagaRecord, StoredTimelineEntry, TimelineEntry } from '../saga-record.js';

/** saga_instances as `SELECT *` returns it. */
export interface SagaRow {
  id: string;
  type: string;
  version: number;
  correlation_id: string;
  status: SagaRecord['status'];
  step: string;
  attempts: number;
  last_error: string;
  ending: SagaRecord['ending'];
  owner: string | null;
  next_attempt_at: Date;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  payload: unknown;
  revision: number;
}

/** saga_steps as `SELECT *` returns it (seq is a bigint: a string). */
export interface TimelineRow {
  seq: string;
  saga_id: string;
  step: string;
  action: StoredTimelineEntry['action'];
  outcome: string;
  attempt: number;
  error: string;
  started_at: Date;
  finished_at: Date;
  trace_id: string;
  actor: string | null;
  note: string | null;
}

export function toRecord(row: SagaRow): SagaRecord {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    correlationId: row.correlation_id,
    status: row.status,
    step: row.step,
    attempts: row.attempts,
    lastError: row.last_error,
    ending: row.ending,
    owner: row.owner,
    nextAttemptAt: row.next_attempt_at,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    payload: row.payload,
    revision: row.revision,
  };
}

export function toTimelineEntry(row: TimelineRow): StoredTimelineEntry {
  return {
    seq: row.seq,
    sagaId: row.saga_id,
    step: row.step,
    action: row.action,
    outcome: row.outcome,
    attempt: row.attempt,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    traceId: row.trace_id,
    actor: row.actor,
    note: row.note,
  };
}

/** The values `setState` writes, in the order of its placeholders. */
export function stateParams(saga: SagaRecord): unknown[] {
  return [
    saga.status,
    saga.step,
    saga.attempts,
    saga.lastError.slice(0, 2000),
    saga.ending,
    saga.owner,
    saga.nextAttemptAt,
    saga.failingSince,
    saga.updatedAt,
    saga.finishedAt,
  ];
}

/** The SET list of a saga's write, stateParams at placeholders from `$first` (ten of them). */
export function setState(first: number): string {
  const columns = [
    'status',
    'step',
    'attempts',
    'last_error',
    'ending',
    'owner',
    'next_attempt_at',
    'failing_since',
    'updated_at',
    'finished_at',
  ];
  return [
    ...columns.map((column, i) => `${column} = $${first + i}`),
    'revision = revision + 1',
  ].join(', ');
}

/** Timeline rows as one array per column, for `unnest` (any number of rows, fixed SQL). */
export function timelineColumns(rows: readonly TimelineEntry[]): unknown[] {
  const column = <K extends keyof TimelineEntry>(key: K) => rows.map((row) => row[key]);
  return [
    rows.map((row) => row.sagaId),
    column('step'),
    column('action'),
    column('outcome'),
    column('attempt'),
    rows.map((row) => row.error.slice(0, 2000)),
    column('startedAt'),
    column('finishedAt'),
    column('traceId'),
    column('actor'),
    rows.map((row) => row.note?.slice(0, 1000) ?? null),
  ];
}

/** `unnest` of timelineColumns' arrays starting at placeholder `$first`. */
export function timelineUnnest(first: number): string {
  const types = [
    'uuid',
    'varchar',
    'varchar',
    'varchar',
    'int',
    'varchar',
    'timestamptz',
    'timestamptz',
    'varchar',
    'varchar',
    'varchar',
  ];
  return `unnest(${types.map((type, i) => `$${first + i}::${type}[]`).join(', ')})`;
}

export const TIMELINE_COLUMNS = `saga_id, step, action, outcome, attempt, error, started_at,
  finished_at, trace_id, actor, note`;
