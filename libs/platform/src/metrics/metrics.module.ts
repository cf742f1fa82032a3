import { Module, type DynamicModule } from '@nestjs/common';
import { DbPoolMetrics } from './db-pool.metrics.js';
import { HttpMetricsListener } from './http-metrics.listener.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';
import { RequestMetrics } from './request-metrics.js';

/**
 * `/metrics`, RED metrics for every HTTP request (a listener on the HTTP server) and, through
 * `grpcMetricsInterceptor(app.get(RequestMetrics))` in the gRPC server options, every RPC; pool
 * gauges for the stores given to `postgresPoolMetrics`/`mongoPoolMetrics`. Inject
 * MetricsRegistry to add your own.
 */
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    const registry = new MetricsRegistry(service);
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        { provide: MetricsRegistry, useValue: registry },
        { provide: RequestMetrics, useValue: new RequestMetrics(registry) },
        { provide: DbPoolMetrics, useValue: new DbPoolMetrics(registry) },
        HttpMetricsListener,
      ],
      exports: [MetricsRegistry, RequestMetrics, DbPoolMetrics],
    };
  }
}
