// Where the system under load is; every address can be overridden with an environment variable
// (k6 -e NAME=value or the process environment).
export const GATEWAY_URL = __ENV.GATEWAY_URL || 'http://localhost:8000';
export const AUTH_URL = __ENV.AUTH_URL || `${GATEWAY_URL}/auth`;
export const ORDERS_URL = __ENV.ORDERS_URL || GATEWAY_URL;
export const ORDERS_GRPC = __ENV.ORDERS_GRPC || 'localhost:9080';
export const PAYMENTS_GRPC = __ENV.PAYMENTS_GRPC || 'localhost:50052';
/** Amounts at or above this many minor units are declined by payments (1000.00 EUR). */
export const DECLINE_LIMIT_MINOR = 100000;
