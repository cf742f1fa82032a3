// Runs one app's TypeORM migrations and exits: the command of the Kubernetes migration Jobs, so
// the replicas of a rollout find their schema ready instead of racing to create it. The apps
// still run pending migrations at start (a no-op after the Job), which keeps compose and
// development working without a separate step.
//   node dist/scripts/deploy/migrate.js auth|orders     (DATABASE_URL from the environment)
import 'reflect-metadata';
import { DataSource, type MigrationInterface } from 'typeorm';
import { z } from 'zod';
import { fields, loadConfig, runMain } from '#platform';

const APPS = ['auth', 'orders'] as const;
const migrateConfigSchema = z.object({ DATABASE_URL: fields.postgresUrl });

type MigrationList = (new () => MigrationInterface)[];

const app = process.argv[2] ?? '';

runMain(`migrate ${app}`, async () => {
  if (!(APPS as readonly string[]).includes(app)) {
    throw new Error(`unknown app "${app}": expected one of ${APPS.join(', ')}`);
  }
  const { DATABASE_URL } = loadConfig(migrateConfigSchema);
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
  await dataSource.initialize();
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
