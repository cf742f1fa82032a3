import { createHmac } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { LaunchError } from './launch-error.js';

export type ServiceName = 'auth' | 'payments' | 'orders';

export interface ServicePlan {
  name: ServiceName;
  httpPort: number;
  grpcPort?: number;
  /** The child's whole environment. */
  env: Record<string, string>;
  /** What the table shows until the service reports its store itself. */
  store: string;
  logFile: string;
}

/** Start order: auth first, the others fetch its JWKS. */
export const SERVICE_ORDER: readonly ServiceName[] = ['auth', 'payments', 'orders'];

// Variables the launcher sets per child; inherited values would give every child the same one.
const PER_CHILD = [
  'HTTP_PORT',
  'GRPC_PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'MONGO_URL',
  'AUTH_JWKS_URL',
  'PAYMENTS_GRPC_URL',
  'OTEL_SERVICE_NAME',
  'ADMIN_USERNAME',
  'ADMIN_PASSWORD',
  'AUTH_URL',
  'ORDERS_SERVICE_USERNAME',
  'ORDERS_SERVICE_PASSWORD',
];

/**
 * Turns the launcher's environment into one plan per service: DESIGN.md §8 default ports unless
 * <APP>_HTTP_PORT / <APP>_GRPC_PORT say otherwise, embedded stores unless a URL is given, data
 * and logs under SAGA_DATA_DIR (default .data).
 */
export function planServices(
  env: NodeJS.ProcessEnv,
  repoRoot: string,
  admin: { username: string; password: string },
): ServicePlan[] {
  const dataRoot = resolve(repoRoot, env.SAGA_DATA_DIR || '.data');
  const shown = (path: string) => (path.startsWith(repoRoot) ? relative(repoRoot, path) : path);
  const ports = {
    auth: portFrom(env, 'AUTH_HTTP_PORT', 3001),
    ordersHttp: portFrom(env, 'ORDERS_HTTP_PORT', 3002),
    ordersGrpc: portFrom(env, 'ORDERS_GRPC_PORT', 50051),
    paymentsHttp: portFrom(env, 'PAYMENTS_HTTP_PORT', 3003),
    paymentsGrpc: portFrom(env, 'PAYMENTS_GRPC_PORT', 50052),
  };
  const authDb = databaseUrl(env, 'AUTH_DATABASE_URL');
  const ordersDb = databaseUrl(env, 'ORDERS_DATABASE_URL');
  const base = inheritedEnv(env);
  const jwks = `http://localhost:${ports.auth}/.well-known/jwks.json`;
  const service = serviceAccount(env, admin);
  const dataDir = (name: ServiceName) => join(dataRoot, name);
  const common = (name: ServiceName) => ({
    name,
    logFile: join(dataRoot, 'logs', `${name}.log`),
  });
  return [
    {
      ...common('auth'),
      httpPort: ports.auth,
      store: authDb
        ? `PostgreSQL ${describeUrl(authDb)}`
        : `embedded PGlite (${shown(dataDir('auth'))})`,
      env: withDefined({
        ...base,
        HTTP_PORT: String(ports.auth),
        DATA_DIR: dataDir('auth'),
        DATABASE_URL: authDb,
        ADMIN_USERNAME: admin.username,
        ADMIN_PASSWORD: admin.password,
        ORDERS_SERVICE_USERNAME: service.username,
        ORDERS_SERVICE_PASSWORD: service.password,
      }),
    },
    {
      ...common('payments'),
      httpPort: ports.paymentsHttp,
      grpcPort: ports.paymentsGrpc,
      store: env.MONGO_URL
        ? `MongoDB ${describeUrl(env.MONGO_URL)}`
        : `embedded MongoDB-wire server (${shown(dataDir('payments'))})`,
      env: withDefined({
        ...base,
        HTTP_PORT: String(ports.paymentsHttp),
        GRPC_PORT: String(ports.paymentsGrpc),
        DATA_DIR: dataDir('payments'),
        MONGO_URL: env.MONGO_URL,
        AUTH_JWKS_URL: jwks,
      }),
    },
    {
      ...common('orders'),
      httpPort: ports.ordersHttp,
      grpcPort: ports.ordersGrpc,
      store: ordersDb
        ? `PostgreSQL ${describeUrl(ordersDb)}`
        : `embedded PGlite (${shown(dataDir('orders'))})`,
      env: withDefined({
        ...base,
        HTTP_PORT: String(ports.ordersHttp),
        GRPC_PORT: String(ports.ordersGrpc),
        DATA_DIR: dataDir('orders'),
        DATABASE_URL: ordersDb,
        AUTH_JWKS_URL: jwks,
        AUTH_URL: `http://localhost:${ports.auth}`,
        PAYMENTS_GRPC_URL: `localhost:${ports.paymentsGrpc}`,
        // Every charge and refund carries this account's token (auth seeds it, role service).
        ORDERS_SERVICE_USERNAME: service.username,
        ORDERS_SERVICE_PASSWORD: service.password,
        // The demo's compensated order needs the test fault switch; `npm start` is development.
        SAGA_FAULTS_ENABLED: env.SAGA_FAULTS_ENABLED ?? 'true',
      }),
    },
  ];
}

/**
 * orders' service account: ORDERS_SERVICE_USERNAME/PASSWORD when set, else `orders-service` with
 * a password derived from the development admin's, so there is nothing more to keep on disk.
 */
function serviceAccount(
  env: NodeJS.ProcessEnv,
  admin: { password: string },
): { username: string; password: string } {
  if (env.ORDERS_SERVICE_USERNAME && env.ORDERS_SERVICE_PASSWORD) {
    return { username: env.ORDERS_SERVICE_USERNAME, password: env.ORDERS_SERVICE_PASSWORD };
  }
  const password = createHmac('sha256', admin.password)
    .update('orders-service')
    .digest('base64url');
  return { username: 'orders-service', password };
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LaunchError(`${name} must be a port number between 1 and 65535 (got "${raw}")`);
  }
  return port;
}

// auth and orders each own a database, so one shared DATABASE_URL cannot serve both.
function databaseUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const url = env[name] || undefined;
  if (!url && env.DATABASE_URL) {
    throw new LaunchError(
      `DATABASE_URL is set, but auth and orders need separate databases: set AUTH_DATABASE_URL ` +
        `and ORDERS_DATABASE_URL instead (${name} is missing), or unset DATABASE_URL to use ` +
        `the embedded PGlite.`,
    );
  }
  return url;
}

function inheritedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !PER_CHILD.includes(key)) inherited[key] = value;
  }
  return inherited;
}

function withDefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** host:port/database, never the credentials. */
function describeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(URL)';
  }
}
