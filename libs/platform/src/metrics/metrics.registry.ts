import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * How often prom-client's event-loop monitor ticks. Its histogram records the whole time between
 * two ticks, not the lateness, so an idle loop reads about this much at every percentile:
 * lateness is the reading minus this (`eventLoopLateMs`).
 */
export const EVENT_LOOP_SAMPLE_MS = 10;

/** How late the loop was, from a `nodejs_eventloop_lag_*_seconds` reading. */
export function eventLoopLateMs(readingSeconds: number): number {
  return Math.max(0, readingSeconds * 1000 - EVENT_LOOP_SAMPLE_MS);
}

/**
 * One Prometheus registry per process, with Node's process metrics. Apps register their own
 * counters and histograms on it; `/metrics` exposes it.
 */
export class MetricsRegistry extends Registry {
  constructor(service: string) {
    super();
    this.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  }
}
