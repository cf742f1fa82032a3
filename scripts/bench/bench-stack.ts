import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { login, startApp, startGateway, type AppProcess, type Gateway } from '#testing';
import type { BenchStores } from './bench-stores.js';

export interface BenchStack {
  auth: AppProcess;
  payments: AppProcess;
  orders: AppProcess;
  gateway: Gateway;
  token: string;
  stop(): Promise<void>;
}

/**
 * The system as production runs it: NODE_ENV=production (strict config, real keys), real stores,
 * JSON logs written to files in `logDir` (as a container runtime would take them),
 * telemetry loaded (spans recorded; OTEL_SDK_DISABLED=true when `telemetry` is false), NGINX in
 * front for the HTTP path.
 */
export async function startBenchStack(
  stores: BenchStores,
  telemetry: boolean,
  logDir: string,
): Promise<BenchStack> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `bench-${randomUUID()}`, alg: 'ES256' };
  const admin = { username: 'bench-admin', password: randomBytes(16).toString('base64url') };
  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    JWT_ISSUER: 'http://auth.bench',
    JWT_AUDIENCE: 'saga-workspace',
    OTEL_SDK_DISABLED: telemetry ? 'false' : 'true',
  };
  const auth = await startApp('auth', {
    logFile: join(logDir, 'auth.log'),
    env: {
      ...common,
      DATABASE_URL: stores.authDb,
      REDIS_URL: stores.redis,
      JWT_PRIVATE_JWKS: JSON.stringify([jwk]),
      ADMIN_USERNAME: admin.username,
      ADMIN_PASSWORD: admin.password,
      RATE_LIMIT_KEY_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
    },
  });
  const authUrl = `http://127.0.0.1:${auth.httpPort}`;
  const verify = { ...common, AUTH_JWKS_URL: `${authUrl}/.well-known/jwks.json` };
  const payments = await startApp('payments', {
    grpc: true,
    logFile: join(logDir, 'payments.log'),
    env: { ...verify, MONGO_URL: stores.mongo },
  });
  const orders = await startApp('orders', {
    grpc: true,
    logFile: join(logDir, 'orders.log'),
    env: {
      ...verify,
      DATABASE_URL: stores.ordersDb,
      AUTH_URL: authUrl,
      PAYMENTS_GRPC_URL: `127.0.0.1:${payments.grpcPort}`,
      ORDERS_SERVICE_USERNAME: admin.username,
      ORDERS_SERVICE_PASSWORD: admin.password,
    },
  });
  const gateway = await startGateway({
    authHttp: `127.0.0.1:${auth.httpPort}`,
    ordersHttp: `127.0.0.1:${orders.httpPort}`,
    ordersGrpc: `127.0.0.1:${orders.grpcPort}`,
  });
  const token = await login(
    auth.httpPort,
    `bench-${randomUUID().slice(0, 8)}`,
    'bench customer password',
  );
  return {
    auth,
    payments,
    orders,
    gateway,
    token,
    stop: async () => {
      await gateway.stop();
      await Promise.all([orders.stop(), payments.stop()]);
      await auth.stop();
    },
  };
}
