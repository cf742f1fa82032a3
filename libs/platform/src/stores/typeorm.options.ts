import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { EntitySchema, MigrationInterface } from 'typeorm';
import type { PostgresEndpoint } from './embedded-postgres.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity type
type EntityList = (Function | EntitySchema)[];
type MigrationList = (new () => MigrationInterface)[];

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
    extra: { max: endpoint.maxPoolSize, connectionTimeoutMillis: 5_000 },
    retryAttempts: 2,
    retryDelay: 500,
  };
}
