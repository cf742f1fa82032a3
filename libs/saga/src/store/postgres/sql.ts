import { QueryFailedError, type EntityManager, type QueryRunner } from 'typeorm';
import { pgClientOf, type PgClient } from './pg-client.js';
import { sendDeferred, sendWithCommit } from './transaction.js';

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

export interface RunOptions {
  /**
   * The last statement of a `pipelinedTransaction`: COMMIT goes out right behind it, in the same
   * write (see `sendWithCommit`). It must fail rather than change nothing when the transaction
   * must not commit.
   */
  withCommit?: boolean;
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
  options: RunOptions = {},
): Promise<SqlResult<Row>> {
  const statement = statementOf<Row>(manager, sql, params);
  return onRunner(manager, async (runner) => {
    if (options.withCommit) return sendWithCommit(runner, statement.send);
    if (statement.prepared) return statement.send(await pgClientOf(runner));
    const result = await runner.query(statement.text, statement.values, true);
    return { rows: result.records as Row[], affected: result.affected ?? 0 };
  });
}

/**
 * A write whose answer the caller does not need (no rows, no count): in a transaction with
 * `deferWrites` (a saga step's, see `pipelinedTransaction`) it is sent and the caller goes on at
 * once, so the step's writes and the saga's transition leave together; if it fails, the
 * transaction fails. Anywhere else it runs as `runSql` does. A write that must change a row to be
 * right has to fail when it does not (raise in SQL), since nobody reads its count.
 */
export async function sendSql(
  manager: EntityManager,
  sql: string | PreparedStatement,
  params: readonly unknown[] = [],
): Promise<void> {
  const { send } = statementOf(manager, sql, params);
  return onRunner(manager, (runner) => sendDeferred(runner, send));
}

/** `use` on the transaction's runner, or on a pooled one it then gives back. */
async function onRunner<T>(
  manager: EntityManager,
  use: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return await use(runner);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** The statement as `pg` takes it, and how to send it on a client. */
function statementOf<Row>(
  manager: EntityManager,
  sql: string | PreparedStatement,
  params: readonly unknown[],
) {
  const values = [...params];
  const text = typeof sql === 'string' ? sql : sql.text;
  // Through the client, a prepared statement keeps its name (TypeORM's query() takes text only).
  const prepared = typeof sql !== 'string' && preparesStatements(manager);
  const config = prepared ? { name: sql.name, text, values } : { text, values };
  const send = (client: PgClient): Promise<SqlResult<Row>> =>
    client.query(config).then(
      (result) => ({ rows: result.rows as Row[], affected: result.rowCount ?? 0 }),
      // TypeORM's error type is kept, so callers see one kind whichever way a statement went.
      (error: unknown) => {
        throw new QueryFailedError(text, values, error as Error);
      },
    );
  return { text, values, prepared, send };
}

function preparesStatements(manager: EntityManager): boolean {
  const { extra } = manager.connection.options as { extra?: { preparedStatements?: boolean } };
  return extra?.preparedStatements !== false;
}

/** The SQLSTATE of a statement's error (runSql's errors are TypeORM's `QueryFailedError`). */
export function sqlStateOf(error: unknown): string | undefined {
  return error instanceof QueryFailedError
    ? (error.driverError as { code?: string } | undefined)?.code
    : undefined;
}
