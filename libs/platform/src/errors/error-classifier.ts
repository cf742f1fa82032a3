import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { HttpException, Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import {
  BASE_ERRORS,
  namedGrpcStatus,
  namedHttpStatus,
  type ErrorMap,
  type NamedStatus,
} from './error-map.js';
import { isStoreUnavailable } from './store-unavailable.js';

/** An error as the caller sees it. */
export interface ClassifiedError extends NamedStatus {
  /** Safe to show: the domain error's message, a deliberate status's message, or generic. */
  message: string;
  /** Seconds the caller should wait before trying again (429 / RESOURCE_EXHAUSTED). */
  retryAfterSeconds?: number;
  /** Set for an unhandled error: the id it was logged under, which the caller is given. */
  errorId?: string;
}

/** Statuses that say "the server failed": their message may carry internals, so none is shown. */
const SERVER_FAULTS = new Set<number>([status.INTERNAL, status.DATA_LOSS]);

/**
 * Sorts an error into what the caller may be told. A domain error (a `code` the map knows) and a
 * status chosen on purpose (an HttpException under 500, an RpcException carrying a gRPC `code`)
 * keep their status and message. Everything else — unknown errors, RpcExceptions without a
 * status, any server-fault status — is logged with a fresh error id, and the caller gets a
 * generic message naming that id: never the inner error, which may hold hosts or secrets. A lost
 * store connection is logged the same way but answered as UNAVAILABLE / 503 with a retry hint.
 */
export class ErrorClassifier {
  private readonly logger = new Logger('Errors');
  private readonly map: ErrorMap;

  constructor(serviceErrors: ErrorMap = {}) {
    this.map = { ...BASE_ERRORS, ...serviceErrors };
  }

  classify(error: unknown): ClassifiedError {
    const code =
      typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (error instanceof Error && typeof code === 'string' && this.map[code]) {
      return { code, ...this.map[code], message: error.message, ...retryAfterOf(error) };
    }
    const chosen = deliberateStatus(error);
    if (chosen && !SERVER_FAULTS.has(chosen.status.grpc)) {
      return { ...chosen.status, message: chosen.message };
    }
    if (!chosen && isStoreUnavailable(error)) {
      // Still logged with an id (a store went away), but the caller may simply retry.
      return {
        ...this.unhandled(error, namedHttpStatus(503), 'a store is unavailable; retry'),
        retryAfterSeconds: 1,
      };
    }
    return this.unhandled(error, chosen?.status ?? namedHttpStatus(500));
  }

  private unhandled(
    error: unknown,
    reported: NamedStatus,
    what = 'internal error',
  ): ClassifiedError {
    const errorId = randomUUID();
    this.logger.error({ err: error, error_id: errorId }, 'unhandled error');
    return { ...reported, message: `${what} (error id ${errorId})`, errorId };
  }
}

function deliberateStatus(error: unknown): { status: NamedStatus; message: string } | undefined {
  if (error instanceof HttpException) {
    return { status: namedHttpStatus(error.getStatus()), message: httpMessage(error) };
  }
  if (error instanceof RpcException) {
    const inner = error.getError();
    if (typeof inner !== 'object' || inner === null) return undefined;
    const { code, message } = inner as { code?: unknown; message?: unknown };
    const named = namedGrpcStatus(code);
    return named && { status: named, message: typeof message === 'string' ? message : '' };
  }
  return undefined;
}

function retryAfterOf(error: Error): { retryAfterSeconds?: number } {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds)
    ? { retryAfterSeconds: Math.max(1, Math.ceil(seconds)) }
    : {};
}

function httpMessage(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}
