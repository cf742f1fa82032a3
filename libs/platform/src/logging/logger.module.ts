import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { logContextFields } from './log-context.js';
import { LogContextMiddleware } from './log-context.middleware.js';
import { RpcLoggingInterceptor } from './rpc-logging.interceptor.js';

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * JSON logs on stdout. OpenTelemetry's pino instrumentation adds trace_id/span_id to every line,
 * the request's log context its business ids (order_id, saga_id); credentials never reach a log
 * line (headers and bodies that carry them are redacted).
 */
export function loggerModule(service: string, level: string): DynamicModule {
  return {
    module: LoggingModule,
    imports: [pinoModule(service, level)],
    providers: [{ provide: APP_INTERCEPTOR, useClass: RpcLoggingInterceptor }],
  };
}

@Module({})
class LoggingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(LogContextMiddleware).forRoutes('{*path}');
  }
}

function pinoModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
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
    },
  });
}
