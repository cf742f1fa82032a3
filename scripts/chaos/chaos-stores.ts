import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { MongoEndpoint, PostgresEndpoint } from '#platform';
import { testMongo, testPostgres } from '#testing';

export interface ChaosStores {
  authDb: PostgresEndpoint;
  ordersDb: PostgresEndpoint;
  paymentsDb: MongoEndpoint;
  redisUrl?: string;
  description: string;
  close(): Promise<void>;
}

/**
 * Fresh databases for one run: on the servers named by DATABASE_URL and MONGO_URL when both are
 * set, else on a PostgreSQL + FerretDB + Redis that scripts/ci/services.sh starts in the run's
 * folder and stops again on close, so the run needs nothing installed by hand.
 */
export async function openChaosStores(repoRoot: string, runDir: string): Promise<ChaosStores> {
  let stopServices = () => {};
  let description = 'servers from DATABASE_URL and MONGO_URL';
  if (!process.env.DATABASE_URL || !process.env.MONGO_URL) {
    const script = join(repoRoot, 'scripts/ci/services.sh');
    const dir = join(runDir, 'services');
    const started = spawnSync('bash', [script, 'start', dir], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`services.sh start failed:\n${started.stderr}`);
    for (const [, name, value] of started.stdout.matchAll(/^export (\w+)=(.*)$/gm)) {
      process.env[name!] = value!;
    }
    stopServices = () => void spawnSync('bash', [script, 'stop', dir], { stdio: 'ignore' });
    description = `PostgreSQL, FerretDB and Redis started by services.sh in ${dir}`;
  }
  const [authDb, ordersDb, paymentsDb] = await Promise.all([
    testPostgres(),
    testPostgres(),
    testMongo(),
  ]);
  return {
    authDb,
    ordersDb,
    paymentsDb,
    redisUrl: process.env.REDIS_URL,
    description,
    close: async () => {
      await Promise.allSettled([authDb.close(), ordersDb.close(), paymentsDb.close()]);
      stopServices();
    },
  };
}
