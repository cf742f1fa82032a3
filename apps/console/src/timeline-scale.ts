import type { Saga, TimelineRow } from './types.js';

export interface Span {
  start: number;
  end: number;
}

/** Bars thinner than this (in % of the axis) would vanish: instant steps still show as ticks. */
const MIN_WIDTH = 0.4;

/**
 * The time axis of a saga's timeline: from its start to its end, or, while it runs, to now
 * (so waits between retries show); a STUCK saga's axis stops at its last step.
 */
export function spanOf(saga: Saga, rows: TimelineRow[], now: number): Span {
  const start = Date.parse(saga.created_at);
  const lastStep = Math.max(start, ...rows.map((row) => Date.parse(row.finished_at)));
  const running = saga.status === 'RUNNING' || saga.status === 'COMPENSATING';
  const end = saga.finished_at
    ? Math.max(Date.parse(saga.finished_at), lastStep)
    : running
      ? Math.max(now, lastStep)
      : lastStep;
  return { start, end: Math.max(end, start + 1) };
}

/** Where a step's bar sits on the axis, in percent: left edge and width. */
export function place(row: TimelineRow, span: Span): { left: number; width: number } {
  const total = span.end - span.start;
  const from = Date.parse(row.started_at) - span.start;
  const left = Math.min(Math.max((from / total) * 100, 0), 100 - MIN_WIDTH);
  const width = Math.max((row.duration_ms / total) * 100, MIN_WIDTH);
  return { left, width: Math.min(width, 100 - left) };
}

/** Evenly spaced marks on the axis, as offsets from the saga's start in ms. */
export function ticks(span: Span, count = 4): number[] {
  const total = span.end - span.start;
  return Array.from({ length: count + 1 }, (_, i) => Math.round((total * i) / count));
}
