import type { EntityManager } from 'typeorm';

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows an INSERT/UPDATE/DELETE changed. */
  affected: number;
}

/**
 * One statement on the transaction's connection (`manager` from `DataSource.transaction`), or
 * on a pooled one outside a transaction. Plain SQL keeps the saga's hot path to one round trip
 * per statement with nothing derived per call.
 */
export async function runSql<Row = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<SqlResult<Row>> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, [...params], true);
    return { rows: result.records as Row[], affected: result.affected ?? 0 };
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
