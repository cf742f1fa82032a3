export type StoreKind = 'postgres' | 'mongo';

/** What HealthModule needs from an app's validated config (fields.healthFields). */
export interface HealthSettings {
  /** A store's ping that takes longer fails readiness. */
  STORE_PING_TIMEOUT_MS: number;
  /** How often the store is pinged in the background, so liveness knows without a caller. */
  STORE_PROBE_INTERVAL_MS: number;
  /** Liveness fails once the store has failed every ping for this long: restart, do not wait. */
  STORE_DOWN_LIVENESS_MS: number;
}

export const HEALTH_SETTINGS = Symbol('HEALTH_SETTINGS');
export const HEALTH_STORE = Symbol('HEALTH_STORE');
