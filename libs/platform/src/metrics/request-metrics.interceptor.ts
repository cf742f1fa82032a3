import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { finalize, tap, type Observable } from 'rxjs';
import { MetricsRegistry } from './metrics.registry.js';

/**
 * RED metrics for every HTTP route and gRPC method: one histogram whose count is the rate, whose
 * `outcome` label gives the errors and whose buckets give the latency.
 */
@Injectable()
export class RequestMetricsInterceptor implements NestInterceptor {
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

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = process.hrtime.bigint();
    const transport = context.getType() === 'rpc' ? 'grpc' : 'http';
    const route = routeOf(context);
    let failed = false;
    return next.handle().pipe(
      tap({ error: () => (failed = true) }),
      finalize(() => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const outcome = failed ? 'error' : outcomeOf(context);
        this.duration.observe({ transport, route, outcome }, seconds);
      }),
    );
  }
}

function routeOf(context: ExecutionContext): string {
  if (context.getType() === 'rpc') return `${context.getClass().name}.${context.getHandler().name}`;
  const request = context.switchToHttp().getRequest<Request & { route?: { path?: string } }>();
  return `${request.method} ${request.route?.path ?? 'unmatched'}`;
}

function outcomeOf(context: ExecutionContext): string {
  if (context.getType() === 'rpc') return 'ok';
  const status = context.switchToHttp().getResponse<Response>().statusCode;
  return status >= 500 ? 'error' : status >= 400 ? 'client_error' : 'ok';
}
