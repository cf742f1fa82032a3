import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { MongoEndpoint, PostgresEndpoint } from '#platform';
import { grpcFrame, h2Request } from './grpc-raw.js';
import {
  footprint,
  settledFootprint,
  startApp,
  startGateway,
  testIdentity,
  testMongo,
  testPostgres,
  UNLIMITED_SIGN_INS,
  type AppProcess,
  type Footprint,
  type Gateway,
  type LeakBounds,
  type TestIdentity,
} from '#testing';

export interface HostileSystem {
  /** Signs the tokens orders and payments accept (expired ones too). */
  identity: TestIdentity;
  auth: AppProcess;
  payments: AppProcess;
  orders: AppProcess;
  gateway: Gateway;
  ordersDb: PostgresEndpoint;
  paymentsDb: MongoEndpoint;
  apps(): AppProcess[];
  /** Every order id in orders' database. */
  orderIds(): Promise<string[]>;
  /**
   * Each app's footprint now, by name, taken once the gateway's pools of idle upstream
   * connections are full (they are the gateway's to keep, not a leak of the app's).
   */
  footprints(): Promise<Map<string, Footprint>>;
  /** Every app still running and ready, back within `bounds` of `baseline`, no unhandled error. */
  assertHealthyAndNoLeaks(baseline: Map<string, Footprint>, bounds: LeakBounds): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The three apps as real processes behind the real NGINX gateway, for hostile-input tests:
 * orders and payments verify tokens of a test identity (so the tests can forge and expire
 * them), orders' service account logs in at that identity's stand-in for auth; auth runs on its
 * own for its public endpoints.
 */
export async function startHostileSystem(): Promise<HostileSystem> {
  const [authDb, ordersDb, paymentsDb, identity] = await Promise.all([
    testPostgres(),
    testPostgres(),
    testMongo(),
    testIdentity(),
  ]);
  // Whatever started is stopped again if a later part cannot start (nginx missing, an app that
  // fails): a process left running would keep the test file from ever exiting.
  const started: Array<() => Promise<unknown>> = [
    () => authDb.close(),
    () => ordersDb.close(),
    () => paymentsDb.close(),
    () => identity.close(),
  ];
  const step = async <T extends { stop(): Promise<unknown> }>(start: () => Promise<T>) => {
    const part = await start();
    started.unshift(() => part.stop());
    return part;
  };
  const quiet = { LOG_LEVEL: 'warn' };
  let parts: [AppProcess, AppProcess, AppProcess, Gateway];
  try {
    parts = await startParts(step, { quiet, identity, authDb, ordersDb, paymentsDb });
  } catch (error) {
    for (const stop of started) await stop().catch(() => {});
    throw error;
  }
  const [auth, payments, orders, gateway] = parts;
  const apps = () => [auth, payments, orders];
  return {
    identity,
    auth,
    payments,
    orders,
    gateway,
    ordersDb,
    paymentsDb,
    apps,
    orderIds: async () => {
      const client = new pg.Client({ connectionString: ordersDb.url });
      await client.connect();
      try {
        return (await client.query<{ id: string }>('SELECT id FROM orders')).rows.map((r) => r.id);
      } finally {
        await client.end();
      }
    },
    footprints: async () => {
      await fillGatewayPools(gateway);
      return new Map(
        await Promise.all(
          apps().map(async (app) => [app.name, await footprint(app.child.pid!)] as const),
        ),
      );
    },
    assertHealthyAndNoLeaks: async (baseline, bounds) => {
      for (const app of apps()) {
        assert.equal(app.child.exitCode, null, `${app.name} exited:\n${app.output.join('\n')}`);
        const ready = await fetch(`http://127.0.0.1:${app.httpPort}/health/ready`);
        assert.equal(ready.status, 200, `${app.name} is not ready`);
        const { after, leak } = await settledFootprint(
          app.child.pid!,
          baseline.get(app.name)!,
          bounds,
        );
        const was = baseline.get(app.name);
        assert.equal(leak, undefined, `${app.name} leaks: ${leak} (was ${JSON.stringify(was)})`);
        if (process.env.HOSTILE_DEBUG) console.log(app.name, was, after);
        const unhandled = app.output.filter((line) => line.includes('"unhandled error"'));
        assert.deepEqual(unhandled, [], `${app.name} hit unhandled errors`);
      }
    },
    stop: async () => {
      await gateway.stop();
      await Promise.all(apps().map((app) => app.stop()));
      await Promise.all([authDb.close(), ordersDb.close(), paymentsDb.close(), identity.close()]);
    },
  };
}

interface PartStores {
  quiet: Record<string, string>;
  identity: TestIdentity;
  authDb: PostgresEndpoint;
  ordersDb: PostgresEndpoint;
  paymentsDb: MongoEndpoint;
}

type Step = <T extends { stop(): Promise<unknown> }>(start: () => Promise<T>) => Promise<T>;

async function startParts(
  step: Step,
  { quiet, identity, authDb, ordersDb, paymentsDb }: PartStores,
): Promise<[AppProcess, AppProcess, AppProcess, Gateway]> {
  const auth = await step(() =>
    startApp('auth', {
      env: {
        ...quiet,
        DATABASE_URL: authDb.url,
        ...UNLIMITED_SIGN_INS,
        RATE_LIMIT_KEY_PREFIX: `hostile-${randomUUID().slice(0, 8)}`,
      },
    }),
  );
  const payments = await step(() =>
    startApp('payments', {
      grpc: true,
      env: { ...quiet, ...identity.env, MONGO_URL: paymentsDb.url },
    }),
  );
  const orders = await step(() =>
    startApp('orders', {
      grpc: true,
      env: {
        ...quiet,
        ...identity.ordersEnv,
        DATABASE_URL: ordersDb.url,
        PAYMENTS_GRPC_URL: `127.0.0.1:${payments.grpcPort}`,
      },
    }),
  );
  const gateway = await step(() =>
    startGateway({
      authHttp: `127.0.0.1:${auth.httpPort}`,
      ordersHttp: `127.0.0.1:${orders.httpPort}`,
      ordersGrpc: `127.0.0.1:${orders.grpcPort}`,
    }),
  );
  return [auth, payments, orders, gateway];
}

// More concurrent calls than the gateway keeps idle upstream connections (keepalive 32 per worker
// and upstream, 2 workers here), so its pools are as full at the baseline as they can be after any
// flood.
const POOL_FILL = 100;

async function fillGatewayPools(gateway: Gateway): Promise<void> {
  const health = { 'content-type': 'application/grpc', te: 'trailers' };
  await Promise.all(
    Array.from({ length: POOL_FILL }, () => [
      fetch(`${gateway.url}/orders/health/live`).then((r) => r.arrayBuffer()),
      fetch(`${gateway.url}/auth/health/live`).then((r) => r.arrayBuffer()),
      h2Request(
        gateway.grpcPort,
        '/grpc.health.v1.Health/Check',
        health,
        grpcFrame(Buffer.alloc(0)),
      ),
    ]).flat(),
  );
}
