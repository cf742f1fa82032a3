import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import {
  authEnv,
  login,
  ordersEnv,
  paymentsEnv,
  startApp,
  startGateway,
  type AppProcess,
  type Gateway,
} from '#testing';
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
  const service = { username: 'bench-orders', password: randomBytes(16).toString('base64url') };
  const issuer = 'http://auth.bench';
  const production = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    OTEL_SDK_DISABLED: telemetry ? 'false' : 'true',
  };
  const auth = await startApp('auth', {
    logFile: join(logDir, 'auth.log'),
    env: {
      ...production,
      ...authEnv({
        issuer,
        databaseUrl: stores.authDb,
        admin,
        service,
        redisUrl: stores.redis,
        label: 'bench',
      }),
      JWT_PRIVATE_JWKS: JSON.stringify([jwk]),
    },
  });
  const authUrl = `http://127.0.0.1:${auth.httpPort}`;
  const payments = await startApp('payments', {
    grpc: true,
    logFile: join(logDir, 'payments.log'),
    env: { ...production, ...paymentsEnv(issuer, authUrl, stores.mongo) },
  });
  const orders = await startApp('orders', {
    grpc: true,
    logFile: join(logDir, 'orders.log'),
    env: {
      ...production,
      ...ordersEnv({
        issuer,
        authUrl,
        databaseUrl: stores.ordersDb,
        paymentsGrpc: `127.0.0.1:${payments.grpcPort}`,
        service,
      }),
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
