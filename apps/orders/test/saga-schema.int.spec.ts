import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import type { PostgresEndpoint } from '#platform';
import {
  CreateSagaTables1764000000000,
  SagaHeldCheck1764600000000,
  SagaStatusTally1764300000000,
} from '#saga';
import { migratedDataSource, testPostgres } from '#testing';
import { migrations } from '../src/persistence/migrations/index.js';

const TABLES = ['saga_instances', 'saga_steps', 'saga_status_tally'];

/** A database migrated to `list`, for the time of `work`. */
async function migrated<T>(
  endpoint: PostgresEndpoint,
  list: typeof migrations,
  work: (source: DataSource) => Promise<T>,
): Promise<T> {
  const source = await migratedDataSource(endpoint, list);
  try {
    return await work(source);
  } finally {
    await source.destroy();
  }
}

/** Columns, indexes and triggers of the saga tables, and the saga functions, each as one line. */
function sagaSchema(endpoint: PostgresEndpoint, list: typeof migrations) {
  return migrated(endpoint, list, async (source) => {
    const lines = async (sql: string) =>
      ((await source.query(sql, [TABLES])) as { line: string }[]).map((row) => row.line);
    return {
      columns: await lines(`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' ||
          is_nullable AS line FROM information_schema.columns
        WHERE table_name = ANY($1) ORDER BY table_name, column_name`),
      indexes: await lines(`SELECT indexdef AS line FROM pg_indexes
        WHERE tablename = ANY($1) ORDER BY indexname`),
      triggers: await lines(`SELECT pg_get_triggerdef(t.oid) AS line FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relname = ANY($1) AND NOT t.tgisinternal ORDER BY t.tgname`),
      functions: (
        (await source.query(`SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid)
            || ')' AS line FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = current_schema() AND p.proname LIKE 'saga%' ORDER BY 1`)) as {
          line: string;
        }[]
      ).map((row) => row.line),
    };
  });
}

// An order and its saga in the given status, as a database before the tally held them.
const ORDER_AND_SAGA = `WITH o AS (
    INSERT INTO orders (id, customer_id, idempotency_key, request_fingerprint, currency_code,
      amount_minor, status)
    VALUES (gen_random_uuid(), 'c', gen_random_uuid()::text, repeat('0', 64), 'EUR', 1, 'PENDING')
    RETURNING id)
  INSERT INTO saga_instances (id, type, correlation_id, status, step, next_attempt_at)
  SELECT gen_random_uuid(), 'create-order', id, $1, 'charge', now() FROM o`;

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

  it('has the same columns, types, nullability, indexes and triggers either way', async () => {
    const [fromOrders, fromLibrary] = [
      await sagaSchema(ours, migrations),
      await sagaSchema(library, [
        CreateSagaTables1764000000000,
        SagaStatusTally1764300000000,
        SagaHeldCheck1764600000000,
      ]),
    ];
    assert.ok(fromLibrary.columns.length > 20, 'the library created the tables');
    assert.ok(fromLibrary.triggers.length === 4, 'and the tally’s triggers');
    assert.ok(
      fromLibrary.functions.includes('saga_expect_held(advanced boolean, saga_id uuid)'),
      'and the transition’s held check',
    );
    assert.deepEqual(fromOrders, fromLibrary);
  });

  it('tallies the sagas a database already held when the tally arrives', async () => {
    const existing = await testPostgres();
    try {
      const before = migrations.slice(0, migrations.indexOf(SagaStatusTally1764300000000));
      await migrated(existing, before, async (source) => {
        for (const status of ['COMPLETED', 'COMPLETED', 'REJECTED', 'RUNNING', 'STUCK']) {
          await source.query(ORDER_AND_SAGA, [status]);
        }
      });
      const tally = await migrated(existing, migrations, (source) =>
        source.query(`SELECT status, sum(total)::int AS n FROM saga_status_tally
          GROUP BY status ORDER BY status`),
      );
      assert.deepEqual(tally, [
        { status: 'COMPENSATED', n: 0 },
        { status: 'COMPLETED', n: 2 },
        { status: 'REJECTED', n: 1 },
      ]);
    } finally {
      await existing.close();
    }
  });
});
