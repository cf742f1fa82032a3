import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServices } from '../ci/services.js';

export interface BenchStores {
  authDb: string;
  ordersDb: string;
  mongo: string;
  redis: string;
  /** PostgreSQL server URL (its `postgres` database), for the floor's insert. */
  postgres: string;
  /** The server's durability settings, as it reports them (both must be on). */
  durability: { fsync: string; synchronousCommit: string };
  stop(): void;
}

/**
 * Real PostgreSQL, FerretDB on PostgreSQL and Redis: the ones in DATABASE_URL/MONGO_URL/REDIS_URL
 * when all are set, else started by scripts/ci/services.sh in a temp dir, PostgreSQL on durable
 * settings (fsync and synchronous_commit on, as production runs it; the tests' servers turn both
 * off). A given server with either off is refused (unless `requireDurable` is false): its
 * figures would not be a durable commit's.
 * Fresh databases each run.
 */
export async function openBenchStores({
  requireDurable = true,
}: { requireDurable?: boolean } = {}): Promise<BenchStores> {
  const given = process.env;
  let env: Record<string, string>;
  let stop = () => {};
  if (given.DATABASE_URL && given.MONGO_URL && given.REDIS_URL) {
    env = {
      DATABASE_URL: given.DATABASE_URL,
      MONGO_URL: given.MONGO_URL,
      REDIS_URL: given.REDIS_URL,
    };
  } else {
    const services = startServices(mkdtempSync(join(tmpdir(), 'saga-bench-')), { durable: true });
    env = services.env;
    stop = services.stop;
  }
  const suffix = Date.now().toString(36);
  const database = (name: string) => {
    const url = new URL(env.DATABASE_URL!);
    url.pathname = `/${name}_${suffix}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  const setting = async (name: string) =>
    ((await admin.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name] ?? '?').toString();
  const durability = {
    fsync: await setting('fsync'),
    synchronousCommit: await setting('synchronous_commit'),
  };
  if (requireDurable && (durability.fsync !== 'on' || durability.synchronousCommit !== 'on')) {
    await admin.end();
    stop();
    throw new Error(
      `the benchmark measures durable commits, but DATABASE_URL's server runs fsync=${durability.fsync}, ` +
        `synchronous_commit=${durability.synchronousCommit}: unset DATABASE_URL, MONGO_URL and ` +
        'REDIS_URL to let the benchmark start its own, or give it a durable server',
    );
  }
  await admin.query(`CREATE DATABASE bench_auth_${suffix}`);
  await admin.query(`CREATE DATABASE bench_orders_${suffix}`);
  await admin.end();
  const mongo = new URL(env.MONGO_URL!);
  mongo.pathname = `/bench_${suffix}`;
  return {
    authDb: database('bench_auth'),
    ordersDb: database('bench_orders'),
    mongo: mongo.toString(),
    redis: env.REDIS_URL!,
    postgres: env.DATABASE_URL!,
    durability,
    stop,
  };
}
