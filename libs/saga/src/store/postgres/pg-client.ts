import type { QueryRunner } from 'typeorm';

/** What the store uses of the `pg` client under a TypeORM query runner. */
export interface PgClient {
  query(sql: string): Promise<unknown>;
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{
    rows: unknown[];
    rowCount: number | null;
  }>;
  /** `pg`'s pipeline mode (set on the pool); absent on other drivers. */
  pipeline?: boolean;
  connection?: { stream?: { cork(): void; uncork(): void } };
}

/** The runner's connection (TypeORM's `connect()` returns the driver's client). */
export async function pgClientOf(runner: QueryRunner): Promise<PgClient> {
  return (await runner.connect()) as PgClient;
}
