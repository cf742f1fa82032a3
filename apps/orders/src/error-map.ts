import { status } from '@grpc/grpc-js';
import type { ErrorMap } from '#platform';

/** The one table mapping this service's domain error codes to HTTP and gRPC statuses. */
export const ORDERS_ERRORS: ErrorMap = {
  ORDER_NOT_FOUND: { http: 404, grpc: status.NOT_FOUND },
  IDEMPOTENCY_KEY_REUSED: { http: 409, grpc: status.ALREADY_EXISTS },
  ORDER_NOT_CANCELLABLE: { http: 409, grpc: status.FAILED_PRECONDITION },
  SAGA_NOT_FOUND: { http: 404, grpc: status.NOT_FOUND },
  SAGA_NOT_STUCK: { http: 409, grpc: status.FAILED_PRECONDITION },
};
