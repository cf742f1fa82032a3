import type { Registry } from 'prom-client';

export interface SagaModuleOptions {
  /** How long an engine holds a saga it runs before another may take it over. */
  leaseMs: number;
  /** Backoff between tries of a failing action (exponential, jittered). */
  retry: { initialMs: number; maxMs: number };
  /**
   * When a failing action (a compensation, a step that retries) is given up on and the saga is
   * STUCK for a person: after this many tries that reached the target, or this long after it
   * first failed, whichever comes first. Tries refused before the target (open breaker) count
   * toward the time only.
   */
  giveUp: { maxAttempts: number; afterMs: number };
  /**
   * The recovery worker: how often it looks for sagas to take over (0: never on its own; tests
   * call runOnce), and how many it runs at once (an operator's bulk retry queues behind this).
   */
  recovery: { intervalMs: number; concurrency: number };
  /** How long a shutdown waits for running sagas before handing them back. Default 5 s. */
  drainMs?: number;
  /** Registry for the saga counters and duration histogram; unset: no metrics. */
  metrics?: Registry;
}

export const SAGA_OPTIONS = Symbol('SAGA_OPTIONS');
