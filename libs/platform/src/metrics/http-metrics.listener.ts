import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RequestMetrics } from './request-metrics.js';
import { httpOutcome } from './request-outcome.js';

/** Probes and scrapes would swamp the rates and latencies of the real routes. */
const UNMEASURED = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Times every HTTP request from the moment the server receives it until its response is done
 * (or the client goes away). It listens on the Node server itself, ahead of Express, so requests
 * refused by the body parser, a guard or the router count too. The label is the route pattern
 * Express matched (`/v1/orders/:id`), so ids never become label values; `unmatched` otherwise.
 */
@Injectable()
export class HttpMetricsListener implements OnModuleInit {
  constructor(
    private readonly metrics: RequestMetrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    // No HTTP server in an application context (workers, tests of the engine).
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.prependListener('request', (req, res) => this.measure(req, res));
  }

  private measure(req: IncomingMessage, res: ServerResponse): void {
    if (UNMEASURED.has((req.url ?? '').split('?')[0] ?? '')) return;
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const route = `${req.method} ${routeOf(req)}`;
      this.metrics.record(
        'http',
        route,
        httpOutcome(res.statusCode, res.writableFinished),
        started,
      );
    });
  }
}

/** Express leaves the last matched route on the request: a wildcard is a middleware's. */
function routeOf(req: IncomingMessage): string {
  const path = (req as IncomingMessage & { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' && !path.includes('*') ? path : 'unmatched';
}
