import { eventLoopLateMs } from '#platform';
import { footprint } from '#testing';
import { ordersQuery } from '../chaos/orders-db.js';

export interface WatchedProcess {
  name: string;
  pid: number;
  httpPort: number;
}

export interface ProcessSample {
  name: string;
  rssMb: number;
  /**
   * How late the event loop ran since the previous scrape (prom-client resets its histogram on
   * each), beyond the monitor's own 10 ms tick: an idle loop is 0 ms late.
   */
  loopLateP50Ms: number;
  loopLateP99Ms: number;
  loopLateMaxMs: number;
}

/** Unfinished sagas by status. */
export type Backlog = Record<'RUNNING' | 'COMPENSATING' | 'STUCK', number>;

const LOOP_METRICS = {
  loopLateP50Ms: 'nodejs_eventloop_lag_p50_seconds',
  loopLateP99Ms: 'nodejs_eventloop_lag_p99_seconds',
  loopLateMaxMs: 'nodejs_eventloop_lag_max_seconds',
} as const;

/** A metric's value from a Prometheus text exposition (the first series of that name). */
export function metricValue(exposition: string, name: string): number {
  const line = exposition
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

/** Resident memory from /proc, event-loop delay from the app's own /metrics. */
export async function sampleProcess(process: WatchedProcess): Promise<ProcessSample> {
  const [{ rssKb }, exposition] = await Promise.all([
    footprint(process.pid),
    fetch(`http://127.0.0.1:${process.httpPort}/metrics`).then((r) => r.text()),
  ]);
  const late = (name: string) => eventLoopLateMs(metricValue(exposition, name));
  return {
    name: process.name,
    rssMb: rssKb / 1024,
    loopLateP50Ms: late(LOOP_METRICS.loopLateP50Ms),
    loopLateP99Ms: late(LOOP_METRICS.loopLateP99Ms),
    loopLateMaxMs: late(LOOP_METRICS.loopLateMaxMs),
  };
}

/** Unfinished sagas by status, from orders' database (an index read, whatever the table's size). */
export async function sagaBacklog(ordersDbUrl: string): Promise<Backlog> {
  const rows = await ordersQuery<{ status: keyof Backlog; n: number }>(
    ordersDbUrl,
    `SELECT status, count(*)::int AS n FROM saga_instances
      WHERE status IN ('RUNNING', 'COMPENSATING', 'STUCK') GROUP BY status`,
  );
  const backlog: Backlog = { RUNNING: 0, COMPENSATING: 0, STUCK: 0 };
  for (const row of rows) backlog[row.status] = row.n;
  return backlog;
}
