import { randomUUID } from 'node:crypto';
import type { SagaRecord, TimelineEntry } from '../../src/store/saga-record.js';

/** A saga as the store holds it, owned by engine-a at revision 1 unless `over` says otherwise. */
export const record = (over: Partial<SagaRecord> = {}): SagaRecord => ({
  id: randomUUID(),
  type: 'booking',
  version: 1,
  correlationId: randomUUID(),
  status: 'RUNNING',
  step: 'hold',
  attempts: 0,
  lastError: '',
  ending: null,
  owner: 'engine-a',
  nextAttemptAt: new Date(Date.now() + 60_000),
  failingSince: null,
  createdAt: new Date('2026-11-29T10:00:00.123Z'),
  updatedAt: new Date('2026-11-29T10:00:00.123Z'),
  finishedAt: null,
  payload: { guest: 'ada', tags: ['x'] },
  revision: 1,
  ...over,
});

/** A timeline row of `step`, as a transition appends it. */
export const row = (sagaId: string, step: string): TimelineEntry => ({
  sagaId,
  step,
  action: 'execute',
  outcome: 'succeeded',
  attempt: 1,
  error: 'ünïcode ☕',
  startedAt: new Date(),
  finishedAt: new Date(),
  traceId: 'a'.repeat(32),
  actor: null,
  note: null,
});
