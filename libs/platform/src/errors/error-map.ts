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

/** A status with its stable code: how a deliberately chosen HTTP or gRPC status is reported. */
export interface NamedStatus extends TransportStatus {
  code: string;
}

const HTTP_STATUS: Record<number, NamedStatus> = {
  400: { code: 'INVALID_ARGUMENT', http: 400, grpc: status.INVALID_ARGUMENT },
  401: { code: 'UNAUTHENTICATED', http: 401, grpc: status.UNAUTHENTICATED },
  403: { code: 'FORBIDDEN', http: 403, grpc: status.PERMISSION_DENIED },
  404: { code: 'NOT_FOUND', http: 404, grpc: status.NOT_FOUND },
  409: { code: 'HTTP_409', http: 409, grpc: status.ALREADY_EXISTS },
  413: { code: 'PAYLOAD_TOO_LARGE', http: 413, grpc: status.RESOURCE_EXHAUSTED },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', http: 415, grpc: status.UNKNOWN },
  429: { code: 'RATE_LIMITED', http: 429, grpc: status.RESOURCE_EXHAUSTED },
  500: { code: 'INTERNAL', http: 500, grpc: status.INTERNAL },
  501: { code: 'UNIMPLEMENTED', http: 501, grpc: status.UNIMPLEMENTED },
  503: { code: 'UNAVAILABLE', http: 503, grpc: status.UNAVAILABLE },
  504: { code: 'DEADLINE_EXCEEDED', http: 504, grpc: status.DEADLINE_EXCEEDED },
};

/** An HTTP status an HttpException carries, as code and gRPC status. */
export function namedHttpStatus(http: number): NamedStatus {
  return (
    HTTP_STATUS[http] ?? {
      code: `HTTP_${http}`,
      http,
      grpc: http >= 500 ? status.INTERNAL : status.UNKNOWN,
    }
  );
}

/** Every gRPC status by meaning; UNKNOWN is reported as INTERNAL (neither tells the caller more). */
const GRPC_STATUS: Partial<Record<status, NamedStatus>> = {
  [status.CANCELLED]: { code: 'CANCELLED', http: 499, grpc: status.CANCELLED },
  [status.UNKNOWN]: { code: 'INTERNAL', http: 500, grpc: status.INTERNAL },
  [status.INVALID_ARGUMENT]: { code: 'INVALID_ARGUMENT', http: 400, grpc: status.INVALID_ARGUMENT },
  [status.DEADLINE_EXCEEDED]: {
    code: 'DEADLINE_EXCEEDED',
    http: 504,
    grpc: status.DEADLINE_EXCEEDED,
  },
  [status.NOT_FOUND]: { code: 'NOT_FOUND', http: 404, grpc: status.NOT_FOUND },
  [status.ALREADY_EXISTS]: { code: 'ALREADY_EXISTS', http: 409, grpc: status.ALREADY_EXISTS },
  [status.PERMISSION_DENIED]: { code: 'FORBIDDEN', http: 403, grpc: status.PERMISSION_DENIED },
  [status.RESOURCE_EXHAUSTED]: {
    code: 'RESOURCE_EXHAUSTED',
    http: 429,
    grpc: status.RESOURCE_EXHAUSTED,
  },
  [status.FAILED_PRECONDITION]: {
    code: 'FAILED_PRECONDITION',
    http: 409,
    grpc: status.FAILED_PRECONDITION,
  },
  [status.ABORTED]: { code: 'ABORTED', http: 409, grpc: status.ABORTED },
  [status.OUT_OF_RANGE]: { code: 'OUT_OF_RANGE', http: 400, grpc: status.OUT_OF_RANGE },
  [status.UNIMPLEMENTED]: { code: 'UNIMPLEMENTED', http: 501, grpc: status.UNIMPLEMENTED },
  [status.INTERNAL]: { code: 'INTERNAL', http: 500, grpc: status.INTERNAL },
  [status.UNAVAILABLE]: { code: 'UNAVAILABLE', http: 503, grpc: status.UNAVAILABLE },
  [status.DATA_LOSS]: { code: 'DATA_LOSS', http: 500, grpc: status.DATA_LOSS },
  [status.UNAUTHENTICATED]: { code: 'UNAUTHENTICATED', http: 401, grpc: status.UNAUTHENTICATED },
};

/** A gRPC status code an RpcException carries, or undefined when it is none (or OK). */
export function namedGrpcStatus(code: unknown): NamedStatus | undefined {
  return typeof code === 'number' ? GRPC_STATUS[code as status] : undefined;
}
