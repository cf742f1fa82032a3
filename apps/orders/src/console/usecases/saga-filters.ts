import type { SagaEnding, SagaStatus } from '../../saga/engine/saga-state.js';

/** The filter words of the console's list; `terminal` is every status the engine ends in. */
export const STATUS_FILTERS = {
  running: ['RUNNING'],
  compensating: ['COMPENSATING'],
  stuck: ['STUCK'],
  terminal: ['COMPLETED', 'REJECTED', 'COMPENSATED'],
  completed: ['COMPLETED'],
  rejected: ['REJECTED'],
  compensated: ['COMPENSATED'],
} as const satisfies Record<string, readonly SagaStatus[]>;

export type StatusFilter = keyof typeof STATUS_FILTERS;

/** Statuses that still need the engine or a person; old ones among them are overdue. */
export const UNFINISHED: readonly SagaStatus[] = ['RUNNING', 'COMPENSATING', 'STUCK'];

export interface SagaFilter {
  statuses?: readonly SagaStatus[];
  type?: string;
  orderId?: string;
  /** Started at or before this time (a minimum age). */
  startedBefore?: Date;
  /** Started at or after this time (a maximum age). */
  startedAfter?: Date;
  /** Only unfinished sagas started before this time. */
  overdueBefore?: Date;
}

export function isOverdue(
  saga: { status: SagaStatus; createdAt: Date },
  now: Date,
  overdueAfterMs: number,
): boolean {
  return (
    UNFINISHED.includes(saga.status) && now.getTime() - saga.createdAt.getTime() > overdueAfterMs
  );
}

/**
 * A STUCK saga retried by hand goes back to what it was doing when its attempts ran out:
 * compensating when it had an ending in view, else its forward step; attempts start over.
 */
export function retriedStatus(ending: SagaEnding | null): SagaStatus {
  return ending === null ? 'RUNNING' : 'COMPENSATING';
}

/**
 * A STUCK saga resolved by hand ends as it was heading to end: the operator vouches that the
 * step the engine could not finish (a refund, say) was done outside it. A saga stuck going
 * forward (no ending yet) counts as completed.
 */
export function resolvedEnding(ending: SagaEnding | null): SagaEnding {
  return ending ?? 'completed';
}

export function statusOfEnding(ending: SagaEnding): SagaStatus {
  if (ending === 'completed') return 'COMPLETED';
  return ending === 'rejected' ? 'REJECTED' : 'COMPENSATED';
}
