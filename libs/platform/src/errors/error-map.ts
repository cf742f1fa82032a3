import { status } from '@grpc/grpc-js';

export interface TransportStatus {
  http: number;
  grpc: status;
}

/** code → transport status. Each service extends this with its own domain errors. */
export type ErrorMap = Record<string, TransportStatus>;

export const BASE_ERRORS: ErrorMap = {
  INVALID_ARGUMENT: { http: 400, grpc: status.INVALID_ARGUMENT },
  UNAUTHENTICATED: { http: 401, grpc: status.UNAUTHENTICATED },
  FORBIDDEN: { http: 403, grpc: status.PERMISSION_DENIED },
  NOT_FOUND: { http: 404, grpc: status.NOT_FOUND },
  ALREADY_EXISTS: { http: 409, grpc: status.ALREADY_EXISTS },
  FAILED_PRECONDITION: { http: 409, grpc: status.FAILED_PRECONDITION },
  RATE_LIMITED: { http: 429, grpc: status.RESOURCE_EXHAUSTED },
  UNAVAILABLE: { http: 503, grpc: status.UNAVAILABLE },
};

const HTTP_TO_GRPC: Record<number, status> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  404: status.NOT_FOUND,
  409: status.ALREADY_EXISTS,
  413: status.RESOURCE_EXHAUSTED,
  429: status.RESOURCE_EXHAUSTED,
};

export function grpcStatusForHttp(httpStatus: number): status {
  return HTTP_TO_GRPC[httpStatus] ?? (httpStatus >= 500 ? status.INTERNAL : status.UNKNOWN);
}
