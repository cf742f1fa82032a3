import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestMetrics } from './request-metrics.js';
import { httpOutcome } from './request-outcome.js';

/** Probes and scrapes would swamp the rates and latencies of the real routes. */
const UNMEASURED = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Times every HTTP request from the moment it reaches the app until its response is done (or
 * the client goes away), labelled with the route pattern Express matched (`/v1/orders/:id`),
 * so ids never become label values. Requests no route matched share `unmatched`.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: RequestMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (UNMEASURED.has(req.originalUrl.split('?')[0] ?? '')) return next();
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const route = `${req.method} ${routeOf(req)}`;
      const outcome = httpOutcome(res.statusCode, res.writableFinished);
      this.metrics.record('http', route, outcome, started);
    });
    next();
  }
}

/** Express leaves the last matched route on the request: a wildcard is a middleware's, not a handler's. */
function routeOf(req: Request): string {
  const path = (req as Request & { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' && !path.includes('*') ? path : 'unmatched';
}
