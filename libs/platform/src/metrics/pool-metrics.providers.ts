import type { InjectionToken, Provider } from '@nestjs/common';
import { DbPoolMetrics } from './db-pool.metrics.js';
import { mongoosePoolStats, typeOrmPoolStats } from './pool-stats.js';

function poolMetrics(
  store: string,
  token: InjectionToken,
  statsOf: typeof typeOrmPoolStats,
): Provider {
  return {
    provide: `db-pool-metrics:${store}`,
    inject: [DbPoolMetrics, token],
    useFactory: (metrics: DbPoolMetrics, handle: unknown) => {
      metrics.track(store, () => statsOf(handle));
      return store;
    },
  };
}

/** Pool gauges for the TypeORM DataSource under `token` (e.g. `getDataSourceToken()`). */
export const postgresPoolMetrics = (token: InjectionToken) =>
  poolMetrics('postgres', token, typeOrmPoolStats);

/** Pool gauges for the mongoose connection under `token` (e.g. `getConnectionToken()`). */
export const mongoPoolMetrics = (token: InjectionToken) =>
  poolMetrics('mongodb', token, mongoosePoolStats);
