import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFerretData, openPostgres, type MongoEndpoint, type PostgresEndpoint } from '#platform';
import { startApp, type AppProcess } from './app-process.js';
import {
  ADMIN,
  authEnv,
  ORDERS_SERVICE,
  ordersEnv as wireOrders,
  paymentsEnv,
  UNLIMITED_SIGN_INS,
} from './system-wiring.js';

const ISSUER = 'http://auth.embedded-system';
/** No server URLs: each app opens its embedded store in its DATA_DIR, as `npm start` runs it. */
const EMBEDDED = { DATABASE_URL: undefined, MONGO_URL: undefined, REDIS_URL: undefined };

export interface EmbeddedSystem {
  auth: AppProcess;
  payments: AppProcess;
  orders: AppProcess;
  /**
   * Stops the apps, then opens their stores' data in this process (PGlite, FerretDB on SQLite)
   * for reading what they left; `close` removes everything.
   */
  stopAndOpenStores(): Promise<{ ordersDb: PostgresEndpoint; paymentsDb: MongoEndpoint }>;
  close(): Promise<void>;
}

/** auth, payments and orders on their embedded stores, wired as startTestSystem wires them. */
export async function startEmbeddedSystem(
  ordersEnv: Record<string, string> = {},
): Promise<EmbeddedSystem> {
  const root = await mkdtemp(join(tmpdir(), 'saga-embedded-'));
  const dataDir = (app: string) => ({ DATA_DIR: join(root, app) });
  const started: AppProcess[] = [];
  const opened: Array<{ close(): Promise<void> }> = [];
  const stopAll = async () => {
    await Promise.all(started.map((app) => app.stop()));
    await Promise.all(opened.map((store) => store.close()));
  };
  const start = async (name: string, options: Parameters<typeof startApp>[1]) => {
    const app = await startApp(name, { timeoutMs: 150_000, ...options });
    started.push(app);
    return app;
  };
  try {
    const auth = await start('auth', {
      env: {
        ...authEnv({
          issuer: ISSUER,
          databaseUrl: '',
          admin: ADMIN,
          service: ORDERS_SERVICE,
          label: 'embedded',
        }),
        ...UNLIMITED_SIGN_INS,
        ...EMBEDDED,
        ...dataDir('auth'),
      },
    });
    const authUrl = `http://127.0.0.1:${auth.httpPort}`;
    const payments = await start('payments', {
      grpc: true,
      env: { ...paymentsEnv(ISSUER, authUrl, ''), ...EMBEDDED, ...dataDir('payments') },
    });
    const paymentsGrpc = `127.0.0.1:${payments.grpcPort}`;
    const wiring = {
      issuer: ISSUER,
      authUrl,
      databaseUrl: '',
      paymentsGrpc,
      admin: ADMIN,
      service: ORDERS_SERVICE,
    };
    const orders = await start('orders', {
      grpc: true,
      env: { ...wireOrders(wiring), ...ordersEnv, ...EMBEDDED, ...dataDir('orders') },
    });
    return {
      auth,
      payments,
      orders,
      stopAndOpenStores: async () => {
        await Promise.all(started.map((app) => app.stop()));
        const ordersDb = await openPostgres(undefined, join(root, 'orders', 'pg'));
        opened.push(ordersDb);
        const paymentsDb = await openFerretData(join(root, 'payments', 'mongo'), 'payments');
        opened.push(paymentsDb);
        return { ordersDb, paymentsDb };
      },
      close: async () => {
        await stopAll();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
