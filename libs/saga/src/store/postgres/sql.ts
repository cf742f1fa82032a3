import { QueryFailedError, type EntityManager } from 'typeorm';
import { pgClientOf } from './pg-client.js';

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows an INSERT/UPDATE/DELETE changed. */
  affected: number;
}

/**
 * A statement that each pooled connection parses and plans once, then only executes: for the
 * few a saga runs every time. Sent as text, a statement is parsed, analysed and planned again
 * each time, about a third of PostgreSQL's work for a one-row INSERT. Only for fixed text whose
 * plan does not depend on its parameters (not a search with optional filters: after five runs
 * PostgreSQL may keep one generic plan for all of them), and whose result columns are named, not
 * `*`: a column a migration adds while the app runs would fail a prepared `SELECT *` ("cached
 * plan must not change result type"). The name is per connection, so it must not be used for
 * another text; a pooler in transaction mode (PgBouncer) needs its prepared-statement support on.
 * A server whose connections share one session (PGlite's socket server) must not get named
 * statements at all: set `extra: { preparedStatements: false }` on its DataSource, and they go as
 * text.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function prepared(name: string, text: string): PreparedStatement {
  return { name, text };
}

/**
 * One statement on the transaction's connection (`manager` from `DataSource.transaction`), or
 * on a pooled one outside a transaction. Plain SQL keeps the saga's hot path to one round trip
 * per statement with nothing derived per call.
 */
export async function runSql<Row = Record<string, unknown>>(
  manager: EntityManager,
  sql: string | PreparedStatement,
  params: readonly unknown[] = [],
): Promise<SqlResult<Row>> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    if (typeof sql === 'string' || !preparesStatements(manager)) {
      const text = typeof sql === 'string' ? sql : sql.text;
      const result = await runner.query(text, [...params], true);
      return { rows: result.records as Row[], affected: result.affected ?? 0 };
    }
    const client = await pgClientOf(runner);
    const values = [...params];
    // TypeORM's query() takes text only; its error type is kept, so callers see one kind.
    const result = await client.query({ ...sql, values }).catch((error: unknown) => {
      throw new QueryFailedError(sql.text, values, error as Error);
    });
    return { rows: result.rows as Row[], affected: result.rowCount ?? 0 };
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

function preparesStatements(manager: EntityManager): boolean {
  const { extra } = manager.connection.options as { extra?: { preparedStatements?: boolean } };
  return extra?.preparedStatements !== false;
}
