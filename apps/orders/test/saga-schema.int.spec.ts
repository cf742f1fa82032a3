import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { typeOrmOptions, type PostgresEndpoint } from '#platform';
import { CreateSagaTables1764000000000 } from '#saga';
import { testPostgres } from '#testing';
import { migrations } from '../src/persistence/migrations/index.js';

type Column = { table_name: string; column_name: string; data_type: string; is_nullable: string };

async function sagaColumns(endpoint: PostgresEndpoint, list: typeof migrations) {
  const options = typeOrmOptions(endpoint, [], list);
  const source = await new DataSource(
    options as ConstructorParameters<typeof DataSource>[0],
  ).initialize();
  try {
    const rows = (await source.query(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name IN ('saga_instances', 'saga_steps')
        ORDER BY table_name, column_name`,
    )) as Column[];
    return rows.map((c) => `${c.table_name}.${c.column_name} ${c.data_type} ${c.is_nullable}`);
  } finally {
    await source.destroy();
  }
}

/**
 * orders reached the library's saga tables through its own history of migrations; an app new to
 * the library creates them with the library's migration. Both must give the same tables.
 */
describe('saga tables: orders’ migrations and the library’s agree (real PostgreSQL)', () => {
  let ours: PostgresEndpoint;
  let library: PostgresEndpoint;
  before(async () => ([ours, library] = await Promise.all([testPostgres(), testPostgres()])));
  after(async () => {
    await ours?.close();
    await library?.close();
  });

  it('has the same columns, types and nullability either way', async () => {
    const [fromOrders, fromLibrary] = [
      await sagaColumns(ours, migrations),
      await sagaColumns(library, [CreateSagaTables1764000000000]),
    ];
    assert.ok(fromLibrary.length > 20, 'the library created both tables');
    assert.deepEqual(fromOrders, fromLibrary);
  });
});
