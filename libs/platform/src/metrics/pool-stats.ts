/**
 * Readers of the two pools the apps use. Both are typed by shape, so the platform library does
 * not load TypeORM or mongoose into apps that use neither.
 */
import type { PoolStats } from './db-pool.metrics.js';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** node-postgres' Pool behind a TypeORM DataSource (`driver.master`; public Pool counters). */
export function typeOrmPoolStats(dataSource: unknown): PoolStats | undefined {
  const pool = (dataSource as { driver?: { master?: PgPool } }).driver?.master;
  if (!pool || typeof pool.totalCount !== 'number') return undefined;
  return {
    used: pool.totalCount - pool.idleCount,
    idle: pool.idleCount,
    pending: pool.waitingCount,
    max: pool.options?.max ?? 10,
  };
}

interface MongoPool {
  totalConnectionCount: number;
  availableConnectionCount: number;
  currentCheckedOutCount: number;
  waitQueueSize: number;
  options?: { maxPoolSize?: number };
}
interface MongoClientShape {
  topology?: { s?: { servers?: Map<string, { pool?: MongoPool }> } };
}

/**
 * The MongoDB driver's pools behind a mongoose connection, summed over the servers. The driver
 * has no public pool statistics and its CMAP events would miss the connections opened before a
 * listener is attached (the connect-time ping), so this reads the pools' own counters.
 */
export function mongoosePoolStats(connection: unknown): PoolStats | undefined {
  const client = (connection as { getClient?: () => MongoClientShape }).getClient?.();
  const servers = client?.topology?.s?.servers;
  if (!servers) return undefined;
  const stats: PoolStats = { used: 0, idle: 0, pending: 0, max: 0 };
  for (const { pool } of servers.values()) {
    if (!pool || typeof pool.totalConnectionCount !== 'number') continue;
    stats.used += pool.currentCheckedOutCount;
    stats.idle += pool.availableConnectionCount;
    stats.pending += pool.waitQueueSize;
    stats.max += pool.options?.maxPoolSize ?? 0;
  }
  return stats;
}
