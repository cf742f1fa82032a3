import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { EntitySchema, MigrationInterface } from 'typeorm';
import type { PostgresEndpoint } from './embedded-postgres.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity type
type EntityList = (Function | EntitySchema)[];
type MigrationList = (new () => MigrationInterface)[];

/**
 * A pool of one is how PGlite is given (in-process, or by a URL with max_pool_size=1 that tests
 * share across processes): every client of it shares its single session.
 */
function sharesOneSession(endpoint: PostgresEndpoint): boolean {
  return endpoint.maxPoolSize === 1;
}

/**
 * How long a query may wait for a pooled connection. With one connection (PGlite) every query
 * queues behind all others, so a burst of a thousand requests waits its turn for many seconds
 * (answering 500 "timeout exceeded when trying to connect" would fail requests the store can
 * serve); with a server's pool of 10 a long wait means the server is in trouble.
 */
function acquireTimeoutMs(endpoint: PostgresEndpoint): number {
  return sharesOneSession(endpoint) ? 120_000 : 5_000;
}

/**
 * TypeORM over `pg` with the app's migrations run at start-up. Schema sync stays off: the
 * migrations are the schema, in tests too.
 */
export function typeOrmOptions(
  endpoint: PostgresEndpoint,
  entities: EntityList,
  migrations: MigrationList,
): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: endpoint.url,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: endpoint.maxPoolSize,
    extra: {
      max: endpoint.maxPoolSize,
      connectionTimeoutMillis: acquireTimeoutMs(endpoint),
      // Statements issued together go out together (a transaction's BEGIN with its first
      // statement: see pipelinedTransaction); awaited one by one they behave as without it.
      pipeline: true,
      // Read by the saga library's runSql: in one shared session, statement names would clash.
      preparedStatements: !sharesOneSession(endpoint),
    },
    retryAttempts: 2,
    retryDelay: 500,
  };
}
