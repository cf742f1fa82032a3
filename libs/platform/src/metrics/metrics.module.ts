import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';
import { RequestMetricsInterceptor } from './request-metrics.interceptor.js';

/** `/metrics` plus RED metrics for every route and RPC; inject MetricsRegistry to add your own. */
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        { provide: MetricsRegistry, useValue: new MetricsRegistry(service) },
        { provide: APP_INTERCEPTOR, useClass: RequestMetricsInterceptor },
      ],
      exports: [MetricsRegistry],
    };
  }
}
