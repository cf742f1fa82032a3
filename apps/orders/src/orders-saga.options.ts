import type { OrdersConfig } from '#platform';
import type { SagaModuleOptions } from '#saga';

/** The saga engine's settings, from orders' validated configuration. */
export function sagaOptions(config: OrdersConfig): Omit<SagaModuleOptions, 'metrics'> {
  return {
    leaseMs: config.SAGA_LEASE_MS,
    retry: { initialMs: config.SAGA_RETRY_INITIAL_MS, maxMs: config.SAGA_RETRY_MAX_MS },
    giveUp: {
      maxAttempts: config.SAGA_MAX_COMPENSATION_ATTEMPTS,
      afterMs: config.SAGA_COMPENSATION_GIVE_UP_AFTER,
    },
    recovery: {
      intervalMs: config.SAGA_RECOVERY_INTERVAL_MS,
      concurrency: config.SAGA_RECOVERY_CONCURRENCY,
    },
    drainMs: config.SAGA_SHUTDOWN_DRAIN_MS,
  };
}
