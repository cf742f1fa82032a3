import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { DbPoolMetrics } from './db-pool.metrics.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';
import { RequestMetrics } from './request-metrics.js';

/**
 * `/metrics`, RED metrics for every HTTP route (a middleware) and, through
 * `grpcMetricsInterceptor(app.get(RequestMetrics))` in the gRPC server options, every RPC; pool
 * gauges for the stores given to `postgresPoolMetrics`/`mongoPoolMetrics`. Inject
 * MetricsRegistry to add your own.
 */
@Module({})
export class MetricsModule implements NestModule {
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
        HttpMetricsMiddleware,
      ],
      exports: [MetricsRegistry, RequestMetrics, DbPoolMetrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
