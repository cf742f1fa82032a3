import type { MongoEndpoint, PostgresEndpoint } from '#platform';
import { startApp, type AppProcess } from './app-process.js';
import {
  ADMIN,
  authEnv,
  ORDERS_SERVICE,
  ordersEnv as wireOrders,
  paymentsEnv,
  UNLIMITED_SIGN_INS,
} from './system-wiring.js';
import { testMongo } from './test-mongo.js';
import { testPostgres } from './test-postgres.js';

const ISSUER = 'http://auth.test-system';

export interface TestSystem {
  auth: AppProcess;
  payments: AppProcess;
  orders: AppProcess;
  ordersDb: PostgresEndpoint;
  paymentsDb: MongoEndpoint;
  /** Restarts orders on the same database (after a crash), with the same environment. */
  restartOrders(): Promise<AppProcess>;
  /** Starts payments again on its ports after a test stopped it. */
  restartPayments(): Promise<AppProcess>;
  stop(): Promise<void>;
}

/**
 * auth, payments and orders as real processes on fresh real stores, wired as in production:
 * JWKS from auth, orders → payments over gRPC with the service account auth seeds.
 */
export async function startTestSystem(ordersEnv: Record<string, string> = {}): Promise<TestSystem> {
  const [authDb, ordersDb, paymentsDb] = await Promise.all([
    testPostgres(),
    testPostgres(),
    testMongo(),
  ]);
  // Whatever started is stopped again if a later part cannot start: an app process or a store
  // left open would keep the test file from ever exiting.
  const started: Array<() => Promise<unknown>> = [
    () => authDb.close(),
    () => ordersDb.close(),
    () => paymentsDb.close(),
  ];
  const start = async (name: string, options: Parameters<typeof startApp>[1]) => {
    const app = await startApp(name, options);
    started.unshift(() => app.stop());
    return app;
  };
  try {
    const auth = await start('auth', {
      env: {
        ...authEnv({
          issuer: ISSUER,
          databaseUrl: authDb.url,
          admin: ADMIN,
          service: ORDERS_SERVICE,
          label: 'test-system',
        }),
        ...UNLIMITED_SIGN_INS,
      },
    });
    const authUrl = `http://127.0.0.1:${auth.httpPort}`;
    const paymentsEnvironment = paymentsEnv(ISSUER, authUrl, paymentsDb.url);
    const payments = await start('payments', { grpc: true, env: paymentsEnvironment });
    const env = {
      ...wireOrders({
        issuer: ISSUER,
        authUrl,
        databaseUrl: ordersDb.url,
        paymentsGrpc: `127.0.0.1:${payments.grpcPort}`,
        service: ORDERS_SERVICE,
      }),
      ...ordersEnv,
    };
    const orders = await start('orders', { grpc: true, env });
    const system: TestSystem = {
      auth,
      payments,
      orders,
      ordersDb,
      paymentsDb,
      restartOrders: async () => {
        const { httpPort, grpcPort } = system.orders;
        system.orders = await startApp('orders', {
          grpc: true,
          env: { ...env, HTTP_PORT: String(httpPort), GRPC_PORT: String(grpcPort) },
        });
        return system.orders;
      },
      restartPayments: async () => {
        const { httpPort, grpcPort } = system.payments;
        system.payments = await startApp('payments', {
          grpc: true,
          env: { ...paymentsEnvironment, HTTP_PORT: String(httpPort), GRPC_PORT: String(grpcPort) },
        });
        return system.payments;
      },
      stop: async () => {
        await Promise.all([system.orders.stop(), system.payments.stop(), auth.stop()]);
        await Promise.all([authDb.close(), ordersDb.close(), paymentsDb.close()]);
      },
    };
    return system;
  } catch (error) {
    for (const stop of started) await stop().catch(() => {});
    throw error;
  }
}

/** Registers a customer (if new) and logs in; returns the access token. */
export async function login(authPort: number, username: string, password: string): Promise<string> {
  const base = `http://127.0.0.1:${authPort}/v1/auth`;
  const body = JSON.stringify({ username, password });
  const headers = { 'content-type': 'application/json' };
  const registered = await fetch(`${base}/register`, { method: 'POST', headers, body });
  if (!registered.ok && registered.status !== 409) {
    throw new Error(`register ${username}: HTTP ${registered.status} ${await registered.text()}`);
  }
  const response = await fetch(`${base}/login`, { method: 'POST', headers, body });
  if (!response.ok)
    throw new Error(`login ${username}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
