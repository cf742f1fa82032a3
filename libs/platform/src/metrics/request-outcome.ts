import { status } from '@grpc/grpc-js';

/**
 * The `outcome` label of the RED histogram. `error` is the server's fault (what error-rate alerts
 * count); `client_error` is a refused request (bad input, no token, not found, rate limited);
 * `aborted` is a caller that went away before the answer.
 */
export type RequestOutcome = 'ok' | 'client_error' | 'error' | 'aborted';

const CLIENT_CODES = new Set<number>([
  status.INVALID_ARGUMENT,
  status.NOT_FOUND,
  status.ALREADY_EXISTS,
  status.PERMISSION_DENIED,
  status.RESOURCE_EXHAUSTED,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
  status.UNAUTHENTICATED,
]);

export function httpOutcome(statusCode: number, finished: boolean): RequestOutcome {
  if (!finished) return 'aborted';
  if (statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'client_error' : 'ok';
}

export function grpcOutcome(code: number): RequestOutcome {
  if (code === status.OK) return 'ok';
  if (code === status.CANCELLED) return 'aborted';
  return CLIENT_CODES.has(code) ? 'client_error' : 'error';
}
