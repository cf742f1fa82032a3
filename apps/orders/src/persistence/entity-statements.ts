import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { QueryResult } from 'typeorm/query-runner/QueryResult.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers.js';

/**
 * Plain SQL for an entity's statements on the saga's hot path, derived once from its TypeORM
 * mapping so the entity stays the one description of its table. TypeORM's query builder derives
 * all of this again on every call: a seventh of orders' CPU per order in the profile
 * (docs/performance.md).
 */
export class EntityStatements<T extends ObjectLiteral> {
  private readonly table: string;
  private readonly columns: ColumnMetadata[];
  private readonly insertable: ColumnMetadata[];
  private readonly inserts = new Map<string, string>();

  constructor(
    dataSource: DataSource,
    private readonly target: new () => T,
  ) {
    const metadata = dataSource.getMetadata(target);
    this.table = `"${metadata.tableName}"`;
    this.columns = metadata.columns;
    this.insertable = metadata.columns.filter((column) => column.isInsert && !column.isGenerated);
  }

  /** Inserts the entities in one statement; database-generated columns are left to it. */
  async insert(manager: EntityManager, entities: readonly T[]): Promise<void> {
    if (entities.length > 0) await insertTogether(manager, [this.insertCommand(entities)]);
  }

  /** The INSERT of these (at least one) entities, to run with others (insertTogether). */
  insertCommand(entities: readonly T[]): InsertCommand {
    return {
      sql: (firstParam) => this.insertSql(entities.length, firstParam),
      params: entities.flatMap((entity) =>
        this.insertable.map((column): unknown => {
          const value: unknown = column.getEntityValue(entity);
          return column.transformer
            ? (ApplyValueTransformers.transformTo(column.transformer, value) as unknown)
            : value;
        }),
      ),
    };
  }

  /** The rows matching `where` (SQL with $n placeholders), as entities. */
  async select(manager: EntityManager, where: string, params: unknown[]): Promise<T[]> {
    const { records } = await run(manager, `SELECT * FROM ${this.table} WHERE ${where}`, params);
    return (records as Array<Record<string, unknown>>).map((row) => this.entityOf(row));
  }

  /**
   * Runs `UPDATE table SET … WHERE …`; resolves with the number of rows it changed. `first`, when
   * given, is written by the same statement before it (its rows land whether or not the update
   * matches: callers in a transaction roll back on a miss); the update's own placeholders then
   * count on from the insert's.
   */
  async update(
    manager: EntityManager,
    setAndWhere: string,
    params: unknown[],
    first?: InsertCommand,
  ): Promise<number> {
    const update = `UPDATE ${this.table} SET `;
    const { affected } = first
      ? await run(
          manager,
          `WITH w0 AS (${first.sql(1)}) ${update}${shifted(setAndWhere, first.params.length)}`,
          [...first.params, ...params],
        )
      : await run(manager, update + setAndWhere, params);
    return affected ?? 0;
  }

  private insertSql(rows: number, firstParam: number): string {
    const key = `${rows}:${firstParam}`;
    let sql = this.inserts.get(key);
    if (!sql) {
      const width = this.insertable.length;
      const tuples = Array.from(
        { length: rows },
        (_, row) =>
          `(${this.insertable.map((_column, i) => `$${firstParam + row * width + i}`).join(', ')})`,
      );
      const names = this.insertable.map((column) => `"${column.databaseName}"`).join(', ');
      sql = `INSERT INTO ${this.table} (${names}) VALUES ${tuples.join(', ')}`;
      this.inserts.set(key, sql);
    }
    return sql;
  }

  private entityOf(row: Record<string, unknown>): T {
    const entity = new this.target();
    for (const column of this.columns) {
      const raw = row[column.databaseName];
      column.setEntityValue(
        entity,
        column.transformer ? ApplyValueTransformers.transformFrom(column.transformer, raw) : raw,
      );
    }
    return entity;
  }
}

/** `sql` with its placeholders $1, $2, … renumbered to follow `shift` parameters before them. */
function shifted(sql: string, shift: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`);
}

/** An INSERT whose parameters are numbered from `firstParam`, so several can share a statement. */
export interface InsertCommand {
  sql(firstParam: number): string;
  params: unknown[];
}

/**
 * Runs the inserts as ONE statement (data-modifying CTEs): all rows are written or none, without
 * a transaction's BEGIN and COMMIT round trips. Foreign keys are checked at the end of the
 * statement, so a row may refer to one inserted before it in the list.
 */
export async function insertTogether(
  manager: EntityManager,
  commands: readonly InsertCommand[],
): Promise<void> {
  const parts: string[] = [];
  let next = 1;
  for (const command of commands) {
    parts.push(command.sql(next));
    next += command.params.length;
  }
  const last = parts.pop();
  if (last === undefined) return;
  const sql = parts.length
    ? `WITH ${parts.map((part, i) => `w${i} AS (${part})`).join(', ')} ${last}`
    : last;
  await run(
    manager,
    sql,
    commands.flatMap((command) => command.params),
  );
}

/** One statement on the transaction's connection, or on a pooled one outside a transaction. */
async function run(manager: EntityManager, sql: string, params: unknown[]): Promise<QueryResult> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return await runner.query(sql, params, true);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
