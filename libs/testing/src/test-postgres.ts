import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { openPostgres, typeOrmOptions, type PostgresEndpoint } from '#platform';

/**
 * A fresh, empty database for one test file: a new database on the server in DATABASE_URL
 * (CI runs a real PostgreSQL), else an embedded PGlite in a temp folder. Dropped on close.
 */
export async function testPostgres(): Promise<PostgresEndpoint> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'saga-pg-'));
    const endpoint = await openPostgres(undefined, dir);
    return {
      ...endpoint,
      close: async () => {
        await endpoint.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    maxPoolSize: 10,
    description: `PostgreSQL database ${name}`,
    close: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * A DataSource on `endpoint` configured as the apps configure theirs (`typeOrmOptions`: pipeline
 * mode, PGlite's one shared session), with `migrations` run. The caller destroys it.
 */
export function migratedDataSource(
  endpoint: PostgresEndpoint,
  migrations: (new () => MigrationInterface)[],
): Promise<DataSource> {
  const options = typeOrmOptions(endpoint, [], migrations);
  return new DataSource(options as ConstructorParameters<typeof DataSource>[0]).initialize();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
