// Runs one app's TypeORM migrations and exits: the command of the Kubernetes migration Jobs, so
// the replicas of a rollout find their schema ready instead of racing to create it. The apps
// still run pending migrations at start (a no-op after the Job), which keeps compose and
// development working without a separate step. It waits up to MIGRATE_WAIT_SECONDS (60) for a
// database that is still starting (compose starts it beside PostgreSQL), then gives up.
//   node dist/scripts/deploy/migrate.js auth|orders     (DATABASE_URL from the environment)
import 'reflect-metadata';
import { DataSource, type MigrationInterface } from 'typeorm';
import { z } from 'zod';
import { fields, loadConfig, runMain } from '#platform';

const APPS = ['auth', 'orders'] as const;
const migrateConfigSchema = z.object({
  DATABASE_URL: fields.postgresUrl,
  MIGRATE_WAIT_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
});

type MigrationList = (new () => MigrationInterface)[];

const app = process.argv[2] ?? '';

runMain(`migrate ${app}`, async () => {
  if (!(APPS as readonly string[]).includes(app)) {
    throw new Error(`unknown app "${app}": expected one of ${APPS.join(', ')}`);
  }
  const { DATABASE_URL, MIGRATE_WAIT_SECONDS } = loadConfig(migrateConfigSchema);
  const module = (await import(`../../apps/${app}/src/persistence/migrations/index.js`)) as {
    migrations: MigrationList;
  };
  const dataSource = new DataSource({
    type: 'postgres',
    url: DATABASE_URL,
    migrations: module.migrations,
    migrationsTransactionMode: 'each',
    logging: ['error', 'migration'],
  });
  await initializeWhenReachable(dataSource, MIGRATE_WAIT_SECONDS * 1000);
  try {
    const applied = await dataSource.runMigrations();
    const known = module.migrations.length;
    process.stdout.write(
      `migrate ${app}: ${applied.length} applied, ${known - applied.length} already in place\n`,
    );
  } finally {
    await dataSource.destroy();
  }
});

/** Retries the first connection while the server refuses it or is still starting up. */
async function initializeWhenReachable(dataSource: DataSource, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await dataSource.initialize();
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const transient = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', '57P03'].includes(code);
      if (!transient || Date.now() > deadline) throw error;
      process.stdout.write(`migrate ${app}: database not reachable yet (${code}); retrying\n`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
