import { Gauge } from 'prom-client';
import { MetricsRegistry } from './metrics.registry.js';

/** One connection pool as seen at scrape time. */
export interface PoolStats {
  /** Connections checked out by a query or transaction. */
  used: number;
  idle: number;
  /** Requests waiting for a connection: the pool is the bottleneck when this stays above 0. */
  pending: number;
  max: number;
}

/**
 * Connection pool gauges, read from the pools when Prometheus scrapes (nothing to keep in sync):
 * `db_pool_connections{store,state}`, `db_pool_pending_requests{store}`,
 * `db_pool_max_connections{store}`. Stores register with `track`.
 */
export class DbPoolMetrics {
  private readonly pools = new Map<string, () => PoolStats | undefined>();

  constructor(registry: MetricsRegistry) {
    const each = (read: (store: string, stats: PoolStats) => void) => () => {
      for (const [store, statsOf] of this.pools) {
        const stats = statsOf();
        if (stats) read(store, stats);
      }
    };
    const connections: Gauge<'store' | 'state'> = new Gauge({
      name: 'db_pool_connections',
      help: 'Open connections of the database pool, by state (used, idle)',
      labelNames: ['store', 'state'],
      registers: [registry],
      collect: each((store, stats) => {
        connections.set({ store, state: 'used' }, stats.used);
        connections.set({ store, state: 'idle' }, stats.idle);
      }),
    });
    const pending: Gauge<'store'> = new Gauge({
      name: 'db_pool_pending_requests',
      help: 'Requests waiting for a free connection of the database pool',
      labelNames: ['store'],
      registers: [registry],
      collect: each((store, stats) => pending.set({ store }, stats.pending)),
    });
    const max: Gauge<'store'> = new Gauge({
      name: 'db_pool_max_connections',
      help: 'Size limit of the database pool',
      labelNames: ['store'],
      registers: [registry],
      collect: each((store, stats) => max.set({ store }, stats.max)),
    });
  }

  /** `statsOf` is called at every scrape; undefined while the pool does not exist (yet). */
  track(store: string, statsOf: () => PoolStats | undefined): void {
    this.pools.set(store, statsOf);
  }
}
