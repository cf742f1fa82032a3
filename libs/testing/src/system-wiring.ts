import { randomUUID } from 'node:crypto';

/**
 * How auth, payments and orders are wired to each other, in one place for every harness that
 * starts them (tests, the benchmark, the chaos run): orders and payments verify auth's JWKS,
 * auth seeds the admin and orders' service account (role `service`), and orders calls payments
 * logged in as that service account.
 */
export interface Account {
  username: string;
  password: string;
}

export const ADMIN: Account = { username: 'admin', password: 'admin-password-for-tests' };
export const ORDERS_SERVICE: Account = {
  username: 'orders-service',
  password: 'orders-service-password-for-tests',
};
const AUDIENCE = 'saga-workspace';

/**
 * Sign-in limits out of the way of test and chaos traffic, which all comes from one address; the
 * limits themselves are tested apart (apps/auth/test/rate-limit.spec.ts).
 */
export const UNLIMITED_SIGN_INS: Readonly<Record<string, string>> = {
  LOGIN_LIMIT_PER_USERNAME: '100000',
  LOGIN_LIMIT_PER_ADDRESS: '100000',
  REGISTER_LIMIT_PER_ADDRESS: '100000',
};

export interface AuthWiring {
  issuer: string;
  databaseUrl: string;
  admin: Account;
  /** orders' service account, which auth seeds with role `service`. */
  service: Account;
  redisUrl?: string;
  /** Labels this system's rate-limit counters: harnesses share one Redis (REDIS_URL in CI). */
  label: string;
}

export function authEnv(wiring: AuthWiring): Record<string, string> {
  return {
    JWT_ISSUER: wiring.issuer,
    JWT_AUDIENCE: AUDIENCE,
    DATABASE_URL: wiring.databaseUrl,
    ADMIN_USERNAME: wiring.admin.username,
    ADMIN_PASSWORD: wiring.admin.password,
    ORDERS_SERVICE_USERNAME: wiring.service.username,
    ORDERS_SERVICE_PASSWORD: wiring.service.password,
    RATE_LIMIT_KEY_PREFIX: `${wiring.label}-${randomUUID().slice(0, 8)}`,
    ...(wiring.redisUrl ? { REDIS_URL: wiring.redisUrl } : {}),
  };
}

/** What a service that verifies auth's tokens needs. */
export function verifierEnv(issuer: string, authUrl: string): Record<string, string> {
  return {
    JWT_ISSUER: issuer,
    JWT_AUDIENCE: AUDIENCE,
    AUTH_JWKS_URL: `${authUrl}/.well-known/jwks.json`,
  };
}

export function paymentsEnv(
  issuer: string,
  authUrl: string,
  mongoUrl: string,
): Record<string, string> {
  return { ...verifierEnv(issuer, authUrl), MONGO_URL: mongoUrl };
}

export interface OrdersWiring {
  issuer: string;
  authUrl: string;
  databaseUrl: string;
  /** host:port of payments' gRPC server (or a proxy in front of it). */
  paymentsGrpc: string;
  /** The account orders logs in with: the one auth seeds as its service account. */
  service: Account;
}

export function ordersEnv(wiring: OrdersWiring): Record<string, string> {
  return {
    ...verifierEnv(wiring.issuer, wiring.authUrl),
    DATABASE_URL: wiring.databaseUrl,
    AUTH_URL: wiring.authUrl,
    PAYMENTS_GRPC_URL: wiring.paymentsGrpc,
    ORDERS_SERVICE_USERNAME: wiring.service.username,
    ORDERS_SERVICE_PASSWORD: wiring.service.password,
    // The test system, the bench and the chaos run place thousands of orders for a handful of
    // customers: create-order v2's velocity rule would hold most of them. Its own tests set it.
    ORDERS_FRAUD_MAX_ORDERS_PER_HOUR: String(VELOCITY_RULE_OFF),
  };
}

export const VELOCITY_RULE_OFF = 0;
