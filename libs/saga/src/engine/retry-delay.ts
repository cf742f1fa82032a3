import { ExponentialBackoff } from 'cockatiel';

/**
 * Delay before the next try of a failing action: cockatiel's exponential backoff with
 * decorrelated jitter, replayed to the attempt so the schedule survives restarts, and never
 * sooner than the target asked for (an open breaker's half-open time).
 */
export function retryDelayMs(
  attempts: number,
  settings: { initialMs: number; maxMs: number },
  notBeforeMs = 0,
): number {
  const { initialMs, maxMs } = settings;
  let backoff = new ExponentialBackoff({ initialDelay: initialMs, maxDelay: maxMs }).next();
  for (let i = 1; i < attempts; i += 1) backoff = backoff.next(undefined);
  return Math.max(initialMs, notBeforeMs, Math.round(backoff.duration));
}
