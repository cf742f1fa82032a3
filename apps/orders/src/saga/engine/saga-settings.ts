export interface SagaSettings {
  /** How long an engine owns a saga it runs before another may take it over. */
  leaseMs: number;
  /** Attempts of a compensation (or forward-retried step) before the saga is STUCK. */
  maxAttempts: number;
  retryInitialMs: number;
  retryMaxMs: number;
  /** 0 disables the periodic recovery worker (tests drive it by hand). */
  recoveryIntervalMs: number;
}

export const SAGA_SETTINGS = Symbol('SAGA_SETTINGS');
