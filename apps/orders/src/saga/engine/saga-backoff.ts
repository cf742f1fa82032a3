import { ExponentialBackoff } from 'cockatiel';

/**
 * Delay before retry number `attempt` (1-based): cockatiel's exponential backoff with
 * decorrelated jitter, replayed to the attempt so the schedule survives restarts.
 */
export function retryDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  let backoff = new ExponentialBackoff({ initialDelay: initialMs, maxDelay: maxMs }).next();
  for (let i = 1; i < attempt; i += 1) backoff = backoff.next(undefined);
  return Math.max(initialMs, Math.round(backoff.duration));
}
