import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { destination } from 'pino';
import { logContextFields } from './log-context.js';
import { LogContextMiddleware } from './log-context.middleware.js';
import { RpcLoggingInterceptor } from './rpc-logging.interceptor.js';

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * In production, lines are written in batches of 4 KiB or every 200 ms instead of one write per
 * line: fewer writes cut payments' CPU per charge and the p95 (docs/performance.md). Exits and
 * SIGTERM flush the batch; a SIGKILL can lose at most that last batch of lines, never data.
 * Elsewhere each line is written as it comes, for people and tests that watch them.
 */
const BATCHED_STDOUT = { dest: 1, sync: false, minLength: 4096, periodicFlush: 200 };

/**
 * JSON logs on stdout. OpenTelemetry's pino instrumentation adds trace_id/span_id to every line,
 * the request's log context its business ids (order_id, saga_id); credentials never reach a log
 * line (headers and bodies that carry them are redacted).
 */
export function loggerModule(
  service: string,
  config: { LOG_LEVEL: string; NODE_ENV: string },
): DynamicModule {
  return {
    module: LoggingModule,
    imports: [pinoModule(service, config.LOG_LEVEL, config.NODE_ENV === 'production')],
    providers: [{ provide: APP_INTERCEPTOR, useClass: RpcLoggingInterceptor }],
  };
}

@Module({})
class LoggingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(LogContextMiddleware).forRoutes('{*path}');
  }
}

function pinoModule(service: string, level: string, batched: boolean): DynamicModule {
  const options: Options = {
    level,
    base: { service },
    messageKey: 'msg',
    mixin: logContextFields,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.access_token',
        '*.accessToken',
      ],
      censor: '[redacted]',
    },
    autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
  return LoggerModule.forRoot({
    pinoHttp: batched ? [options, destination(BATCHED_STDOUT)] : options,
  });
}
