import { status } from '@grpc/grpc-js';
import type { ErrorMap } from '#platform';

/**
 * The one table mapping this service's domain error codes to HTTP and gRPC statuses. The code is
 * also the prefix of the gRPC message ("PAYMENT_VOIDED: …") and the `error-code` trailer, so the
 * saga can tell a voided order from a reused order id without parsing prose.
 */
export const PAYMENTS_ERRORS: ErrorMap = {
  PAYMENT_VOIDED: { http: 409, grpc: status.FAILED_PRECONDITION },
  PAYMENT_REFUNDED: { http: 409, grpc: status.FAILED_PRECONDITION },
  PAYMENT_MISMATCH: { http: 409, grpc: status.FAILED_PRECONDITION },
  PAYMENT_NOT_FOUND: { http: 404, grpc: status.NOT_FOUND },
};
