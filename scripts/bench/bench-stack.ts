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
  startGrpcBalancer,
  type AppProcess,
  type Gateway,
  type GrpcBalancer,
} from '#testing';
import type { BenchStores } from './bench-stores.js';

/** The images' NODE_OPTIONS (docker/Dockerfile), so the bench runs the apps as they do. */
export const IMAGE_NODE_OPTIONS = '--v8-pool-size=0';

export interface BenchStack {
  auth: AppProcess;
  /** Every replica; one unless the stack was started with more. */
  payments: AppProcess[];
  orders: AppProcess[];
  gateway: Gateway;
  token: string;
  /** A fresh token of the same customer (access tokens last 15 minutes; a soak lasts longer). */
  renewToken(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The system as production runs it: NODE_ENV=production (strict config, real keys), the images'
 * NODE_OPTIONS, real stores, JSON logs written to files in `logDir` (as a container runtime would
 * take them), telemetry loaded (spans recorded; OTEL_SDK_DISABLED=true when `telemetry` is
 * false), NGINX in front for the HTTP path. With `replicas` > 1, that many of orders and of
 * payments: the gateway balances over the orders replicas and an NGINX gRPC balancer over the
 * payments ones.
 */
export async function startBenchStack(
  stores: BenchStores,
  telemetry: boolean,
  logDir: string,
  replicas = 1,
): Promise<BenchStack> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `bench-${randomUUID()}`, alg: 'ES256' };
  const admin = { username: 'bench-admin', password: randomBytes(16).toString('base64url') };
  const service = { username: 'bench-orders', password: randomBytes(16).toString('base64url') };
  const issuer = 'http://auth.bench';
  const production = {
    NODE_ENV: 'production',
    NODE_OPTIONS: IMAGE_NODE_OPTIONS,
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
  // One after another: orders migrates its database at start.
  const replicasOf = async (name: 'payments' | 'orders', env: Record<string, string>) => {
    const started: AppProcess[] = [];
    for (let i = 1; i <= replicas; i += 1) {
      const logFile = join(logDir, replicas > 1 ? `${name}-${i}.log` : `${name}.log`);
      started.push(await startApp(name, { grpc: true, logFile, env: { ...production, ...env } }));
    }
    return started;
  };
  const address = (app: AppProcess, port: 'httpPort' | 'grpcPort') => `127.0.0.1:${app[port]}`;
  const payments = await replicasOf('payments', paymentsEnv(issuer, authUrl, stores.mongo));
  let balancer: GrpcBalancer | undefined;
  if (replicas > 1) balancer = await startGrpcBalancer(payments.map((p) => address(p, 'grpcPort')));
  const orders = await replicasOf(
    'orders',
    ordersEnv({
      issuer,
      authUrl,
      databaseUrl: stores.ordersDb,
      paymentsGrpc: balancer?.address ?? address(payments[0]!, 'grpcPort'),
      service,
    }),
  );
  const gateway = await startGateway({
    authHttp: address(auth, 'httpPort'),
    ordersHttp: orders.map((o) => address(o, 'httpPort')),
    ordersGrpc: orders.map((o) => address(o, 'grpcPort')),
  });
  const customer = `bench-${randomUUID().slice(0, 8)}`;
  const renewToken = () => login(auth.httpPort, customer, 'bench customer password');
  const token = await renewToken();
  return {
    auth,
    payments,
    orders,
    gateway,
    token,
    renewToken,
    stop: async () => {
      await gateway.stop();
      await Promise.all(orders.map((o) => o.stop()));
      await balancer?.stop();
      await Promise.all(payments.map((p) => p.stop()));
      await auth.stop();
    },
  };
}
