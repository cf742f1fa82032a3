import { UNFINISHED_STATUSES, type SagaStatus } from '#saga';

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

export function isOverdue(
  saga: { status: SagaStatus; createdAt: Date },
  now: Date,
  overdueAfterMs: number,
): boolean {
  return (
    UNFINISHED_STATUSES.includes(saga.status) &&
    now.getTime() - saga.createdAt.getTime() > overdueAfterMs
  );
}
