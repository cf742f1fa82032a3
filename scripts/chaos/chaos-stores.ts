import { join } from 'node:path';
import { openFerretData, openPostgres, type MongoEndpoint, type PostgresEndpoint } from '#platform';
import { testMongo, testPostgres } from '#testing';
import { startServices } from '../ci/services.js';

/** Databases on servers, one fresh database per app. */
export interface ServerStores {
  authDb: PostgresEndpoint;
  ordersDb: PostgresEndpoint;
  paymentsDb: MongoEndpoint;
  redisUrl?: string;
}

export interface ChaosStores {
  /** Absent on the embedded stores: each app opens its own under `dataRoot`, as `npm start`. */
  servers?: ServerStores;
  /** Where the apps keep their embedded stores (DATA_DIR = dataRoot/<app>). */
  dataRoot: string;
  description: string;
  close(): Promise<void>;
}

/** The embedded stores' data, opened in this process once their apps have stopped. */
export interface StoredData {
  ordersDb: PostgresEndpoint;
  paymentsDb: MongoEndpoint;
  close(): Promise<void>;
}

/**
 * Fresh databases for one run: on the servers named by DATABASE_URL and MONGO_URL when both are
 * set, else on a PostgreSQL + FerretDB + Redis that scripts/ci/services.sh starts in the run's
 * folder and stops again on close, so the run needs nothing installed by hand. `embedded`: no
 * servers at all, every app on the store `npm start` gives it.
 */
export async function openChaosStores(runDir: string, embedded: boolean): Promise<ChaosStores> {
  const dataRoot = join(runDir, 'data');
  if (embedded) {
    return {
      dataRoot,
      description: `embedded PGlite and FerretDB on SQLite in ${dataRoot}, as npm start runs them`,
      close: async () => {},
    };
  }
  let stopServices = () => {};
  let description = 'servers from DATABASE_URL and MONGO_URL';
  if (!process.env.DATABASE_URL || !process.env.MONGO_URL) {
    const dir = join(runDir, 'services');
    const services = startServices(dir);
    Object.assign(process.env, services.env);
    stopServices = services.stop;
    description = `PostgreSQL, FerretDB and Redis started by services.sh in ${dir}`;
  }
  const [authDb, ordersDb, paymentsDb] = await Promise.all([
    testPostgres(),
    testPostgres(),
    testMongo(),
  ]);
  return {
    servers: { authDb, ordersDb, paymentsDb, redisUrl: process.env.REDIS_URL },
    dataRoot,
    description,
    close: async () => {
      await Promise.allSettled([authDb.close(), ordersDb.close(), paymentsDb.close()]);
      stopServices();
    },
  };
}

/** Opens what orders and payments left in their embedded stores (their processes stopped). */
export async function openStoredData(dataRoot: string): Promise<StoredData> {
  const ordersDb = await openPostgres(undefined, join(dataRoot, 'orders', 'pg'));
  const paymentsDb = await openFerretData(join(dataRoot, 'payments', 'mongo'), 'payments');
  return {
    ordersDb,
    paymentsDb,
    close: async () => {
      await Promise.allSettled([ordersDb.close(), paymentsDb.close()]);
    },
  };
}
