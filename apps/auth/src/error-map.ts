import { status } from '@grpc/grpc-js';
import type { ErrorMap } from '#platform';

/** The one table mapping this service's domain error codes to HTTP and gRPC statuses. */
export const AUTH_ERRORS: ErrorMap = {
  INVALID_CREDENTIALS: { http: 401, grpc: status.UNAUTHENTICATED },
  USERNAME_TAKEN: { http: 409, grpc: status.ALREADY_EXISTS },
  USER_NOT_FOUND: { http: 404, grpc: status.NOT_FOUND },
};
