import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { BASE_ERRORS, grpcStatusForHttp, type ErrorMap } from './error-map.js';

interface Mapped {
  code: string;
  http: number;
  grpc: number;
  message: string;
  /** Seconds the caller should wait before trying again (429 / RESOURCE_EXHAUSTED). */
  retryAfterSeconds?: number;
}

/**
 * The one place a service turns errors into transport statuses: problem+json over HTTP, a gRPC
 * status with the stable code as the message prefix and in the `error-code` trailer over gRPC.
 * Unknown errors become 500 / INTERNAL with an error id that is also logged.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private readonly map: ErrorMap;

  constructor(serviceErrors: ErrorMap = {}) {
    this.map = { ...BASE_ERRORS, ...serviceErrors };
  }

  catch(error: unknown, host: ArgumentsHost): Observable<never> | void {
    const mapped = this.classify(error);
    if (host.getType() === 'rpc') {
      const trailer = new Metadata();
      trailer.set('error-code', mapped.code);
      if (mapped.retryAfterSeconds !== undefined) {
        trailer.set('retry-after', String(mapped.retryAfterSeconds));
      }
      return throwError(() => ({
        code: mapped.grpc,
        message: `${mapped.code}: ${mapped.message}`,
        metadata: trailer,
      }));
    }
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (mapped.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(mapped.retryAfterSeconds));
    }
    response.status(mapped.http).type('application/problem+json').json({
      type: 'about:blank',
      title: mapped.code,
      status: mapped.http,
      detail: mapped.message,
    });
  }

  private classify(error: unknown): Mapped {
    const code =
      typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (error instanceof Error && typeof code === 'string' && this.map[code]) {
      return {
        code,
        ...this.map[code],
        message: error.message,
        retryAfterSeconds: retryAfterOf(error),
      };
    }
    if (error instanceof HttpException) {
      const http = error.getStatus();
      const message = httpMessage(error);
      if (http < 500)
        return { code: codeForHttp(http), http, grpc: grpcStatusForHttp(http), message };
    }
    if (error instanceof RpcException) {
      const inner = error.getError();
      const message = typeof inner === 'string' ? inner : JSON.stringify(inner);
      return { code: 'INTERNAL', http: 500, grpc: 13, message };
    }
    const errorId = randomUUID();
    this.logger.error({ err: error, error_id: errorId }, 'unhandled error');
    return {
      code: 'INTERNAL',
      http: 500,
      grpc: 13,
      message: `internal error (error id ${errorId})`,
    };
  }
}

function retryAfterOf(error: Error): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds)
    ? Math.max(1, Math.ceil(seconds))
    : undefined;
}

function httpMessage(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}

function codeForHttp(http: number): string {
  if (http === 400) return 'INVALID_ARGUMENT';
  if (http === 401) return 'UNAUTHENTICATED';
  if (http === 403) return 'FORBIDDEN';
  if (http === 404) return 'NOT_FOUND';
  if (http === 413) return 'PAYLOAD_TOO_LARGE';
  if (http === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  return `HTTP_${http}`;
}
