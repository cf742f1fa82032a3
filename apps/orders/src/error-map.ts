import type { ErrorMap } from '#platform';

/** The one table mapping this service's domain error codes to HTTP and gRPC statuses. */
export const ORDERS_ERRORS: ErrorMap = {};
