import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One Prometheus registry per process, with Node's process metrics. Apps register their own
 * counters and histograms on it; `/metrics` exposes it.
 */
export class MetricsRegistry extends Registry {
  constructor(service: string) {
    super();
    this.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this });
  }
}
