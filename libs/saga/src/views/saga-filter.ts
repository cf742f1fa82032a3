import type { SagaStatus } from '../engine/saga-state.js';

/** Which sagas a list returns; every field narrows it. */
export interface SagaFilter {
  statuses?: readonly SagaStatus[];
  type?: string;
  correlationId?: string;
  /** Started at or before this time (a minimum age). */
  startedBefore?: Date;
  /** Started at or after this time (a maximum age). */
  startedAfter?: Date;
  /** Only unfinished sagas started before this time. */
  overdueBefore?: Date;
}

/** Keyset position of a newest-first list. */
export interface SagaCursor {
  createdAt: Date;
  id: string;
}

export interface StatusCount {
  status: SagaStatus;
  total: number;
  /** Unfinished sagas of this status started before the given time. */
  overdue: number;
}
