import { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics.registry.js';
import type { RequestOutcome } from './request-outcome.js';

export type Transport = 'http' | 'grpc';

/**
 * RED for every HTTP route and gRPC method: one histogram whose count is the rate, whose
 * `outcome` label gives the errors and whose buckets give the latency. It is fed at the edge of
 * each transport (a listener on the HTTP server, a grpc-js server interceptor), not by a Nest
 * interceptor, so requests refused by the body parser, a guard or a pipe are measured too.
 */
export class RequestMetrics {
  private readonly duration: Histogram<'transport' | 'route' | 'outcome'>;

  constructor(registry: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'saga_request_duration_seconds',
      help: 'Duration of handled HTTP requests and gRPC calls',
      labelNames: ['transport', 'route', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  /** Records one request that began at `started` (a `process.hrtime.bigint()` reading). */
  record(transport: Transport, route: string, outcome: RequestOutcome, started: bigint): void {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.duration.observe({ transport, route, outcome }, seconds);
  }
}
