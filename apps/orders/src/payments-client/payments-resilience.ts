import { status } from '@grpc/grpc-js';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  wrap,
  type IPolicy,
} from 'cockatiel';

/** Codes that say "try again": the call may succeed later and is idempotent. */
const TRANSIENT = new Set<number>([
  status.UNAVAILABLE,
  status.DEADLINE_EXCEEDED,
  status.RESOURCE_EXHAUSTED,
]);

export function grpcCode(error: unknown): number | undefined {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}

export function isTransient(error: unknown): boolean {
  const code = grpcCode(error);
  return code !== undefined && TRANSIENT.has(code);
}

export interface ResilienceSettings {
  retries: number;
  breakerThreshold: number;
  breakerHalfOpenMs: number;
}

/**
 * The policy around every call to payments: retry transient codes with exponential backoff and
 * jitter, inside a circuit breaker that opens after consecutive transient failures so a dead
 * downstream is not hammered (calls then fail fast with BrokenCircuitError).
 */
export function paymentsPolicy(settings: ResilienceSettings): IPolicy {
  const transient = handleWhen(isTransient);
  return wrap(
    retry(transient, {
      maxAttempts: settings.retries,
      backoff: new ExponentialBackoff({ initialDelay: 25, maxDelay: 500 }),
    }),
    circuitBreaker(transient, {
      halfOpenAfter: settings.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    }),
  );
}
