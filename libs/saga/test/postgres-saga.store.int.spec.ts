import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation, type PostgresEndpoint } from '#platform';
import { migratedDataSource, testPostgres } from '#testing';
import {
  CreateSagaTables1764000000000,
  pipelinedTransaction,
  runSql,
  SagaHeldCheck1764600000000,
} from '../src/index.js';
import { PostgresSagaQueries } from '../src/store/postgres/postgres-saga.queries.js';
import { PostgresSagaStore } from '../src/store/postgres/postgres-saga.store.js';
import type { SagaRecord } from '../src/store/saga-record.js';
import { record, row } from './support/saga-records.js';
import { writesDuring as socketWrites } from './support/socket-writes.js';

describe('PostgresSagaStore: conditional writes, claims and leases (real PostgreSQL)', () => {
  let postgres: PostgresEndpoint;
  let dataSource: DataSource;
  let store: PostgresSagaStore;
  let queries: PostgresSagaQueries;
  const insert = (saga: SagaRecord) => store.transaction((tx) => store.insert(tx, saga));

  before(async () => {
    postgres = await testPostgres();
    dataSource = await migratedDataSource(postgres, [
      CreateSagaTables1764000000000,
      SagaHeldCheck1764600000000,
    ]);
    store = new PostgresSagaStore(dataSource);
    queries = new PostgresSagaQueries(dataSource);
  });
  after(async () => {
    await dataSource?.destroy();
    await postgres?.close();
  });

  it('reads a saga back exactly as inserted', async () => {
    const saga = record();
    await insert(saga);
    assert.deepEqual(await queries.findById(saga.id), saga);
  });

  it('advances only a saga still held at its revision, with its timeline rows, or nothing', async () => {
    const saga = record();
    await insert(saga);
    const next = { ...saga, step: 'confirm', updatedAt: new Date() };
    const lost = await store.advance(next, { owner: 'engine-b', revision: 1 }, [row(saga.id, 'x')]);
    assert.equal(lost, false);
    assert.deepEqual(await queries.timeline(saga.id), [], 'no rows without the advance');
    assert.equal(
      await store.advance(next, { owner: 'engine-a', revision: 1 }, [
        row(saga.id, 'hold'),
        row(saga.id, 'confirm'),
      ]),
      true,
    );
    const stored = await queries.findById(saga.id);
    assert.deepEqual([stored?.step, stored?.revision], ['confirm', 2]);
    const timeline = await queries.timeline(saga.id);
    assert.deepEqual(
      timeline.map((r) => [r.step, r.error]),
      [
        ['hold', 'ünïcode ☕'],
        ['confirm', 'ünïcode ☕'],
      ],
    );
    assert.equal(await store.advance(next, { owner: 'engine-a', revision: 1 }, []), false, 'stale');
  });

  it('lets concurrent claimers take disjoint sagas, and a claim ends the old holder’s lease', async () => {
    const due = Array.from({ length: 12 }, () =>
      record({ owner: null, nextAttemptAt: new Date(0) }),
    );
    for (const saga of due) await insert(saga);
    const until = new Date(Date.now() + 60_000);
    const known = [{ type: 'booking', version: 1 }];
    const [a, b] = await Promise.all([
      store.claimDue('engine-a', new Date(), until, 8, known),
      store.claimDue('engine-b', new Date(), until, 8, known),
    ]);
    const claimed = [...a, ...b].map((saga) => saga.id);
    assert.ok(claimed.length >= 12, `every due saga claimed (${claimed.length})`);
    assert.equal(new Set(claimed).size, claimed.length, 'none claimed twice');
    const mine = a[0] ?? b[0]!;
    assert.equal(
      await store.renew(mine.id, { owner: mine.owner!, revision: mine.revision }, until),
      true,
    );
    assert.equal(
      await store.renew(mine.id, { owner: mine.owner!, revision: mine.revision - 1 }, until),
      false,
    );
  });

  it('claims only the definition versions the engine knows (an old replica in a deploy)', async () => {
    const v2 = record({ type: 'fresh', version: 2, owner: null, nextAttemptAt: new Date(0) });
    await insert(v2);
    const until = new Date(Date.now() + 60_000);
    const old = await store.claimDue('old', new Date(), until, 10, [{ type: 'fresh', version: 1 }]);
    assert.deepEqual(old, []);
    const fresh = await store.claimDue('new', new Date(), until, 10, [
      { type: 'fresh', version: 2 },
    ]);
    assert.deepEqual(
      fresh.map((saga) => saga.id),
      [v2.id],
    );
  });

  it('hands back what an engine holds on shutdown, due at once', async () => {
    const held = record({ owner: 'engine-c' });
    const ended = record({ owner: 'engine-c', status: 'COMPLETED', correlationId: randomUUID() });
    await insert(held);
    await insert(ended);
    assert.equal(await store.release('engine-c', new Date()), 1);
    const after = await queries.findById(held.id);
    assert.deepEqual([after?.owner, after?.revision], [null, 2]);
  });

  it('counts unfinished sagas per type and version, STUCK included', async () => {
    await insert(record({ type: 'other', version: 3, status: 'STUCK' }));
    const versions = await store.unfinishedVersions();
    assert.deepEqual(
      versions.find((v) => v.type === 'other'),
      { type: 'other', version: 3, count: 1 },
    );
  });

  it('a saga begun in a transaction that rolls back does not exist', async () => {
    const saga = record();
    await assert.rejects(
      store.transaction(async (tx) => {
        await store.insert(tx, saga);
        throw new Error('the caller’s own insert failed');
      }),
    );
    assert.equal(await queries.findById(saga.id), null);
  });

  const writesDuring = (action: () => Promise<unknown>) => socketWrites(postgres.url, action);
  const atOnce = <T>(work: (tx: EntityManager) => Promise<T>) =>
    pipelinedTransaction(dataSource, work, { sentAtOnce: true });

  it('BEGIN and the statements sent with it leave in one socket write, COMMIT in another', async () => {
    const [a, b] = [record(), record()];
    const writes = await writesDuring(() =>
      store.transaction((tx) => Promise.all([store.insert(tx, a), store.insert(tx, b)])),
    );
    assert.deepEqual([await queries.findById(a.id), await queries.findById(b.id)], [a, b]);
    // Uncorked, the same transaction takes four: BEGIN, each INSERT, COMMIT.
    assert.equal(writes, 2);
  });

  it('sent at once: BEGIN, the statements and COMMIT leave in one write, and commit', async () => {
    const [a, b] = [record(), record()];
    const writes = await writesDuring(() =>
      atOnce((tx) => Promise.all([store.insert(tx, a), store.insert(tx, b)])),
    );
    assert.equal(writes, 1);
    assert.deepEqual([await queries.findById(a.id), await queries.findById(b.id)], [a, b]);
  });

  it('sent at once, one failing: its error is thrown and neither row commits', async () => {
    const [existing, fresh] = [record(), record()];
    await insert(existing);
    const failed = atOnce((tx) =>
      Promise.all([store.insert(tx, fresh), store.insert(tx, { ...existing })]),
    );
    await assert.rejects(failed, (error: { code?: string }) => error.code === '23505');
    assert.equal(await queries.findById(fresh.id), null, 'rolled back with the duplicate');
    const after = record();
    await insert(after);
    assert.deepEqual(await queries.findById(after.id), after, 'the connection went back clean');
  });

  it('sent at once: a statement sent after an answer is refused, not run outside the transaction', async () => {
    const [first, late] = [record(), record()];
    const misuse = atOnce(async (tx) => {
      await store.insert(tx, first);
      await store.insert(tx, late);
    });
    await assert.rejects(misuse, /statement sent after COMMIT/);
    assert.equal(await queries.findById(late.id), null);
    // As documented: what went out with the COMMIT has committed.
    assert.deepEqual(await queries.findById(first.id), first);
  });

  it('a prepared statement is parsed once per connection, then only executed', async () => {
    const runs = await store.transaction(async (tx) => {
      for (let i = 0; i < 7; i += 1) await store.insert(tx, record());
      const { rows } = await runSql<{ runs: number }>(
        tx,
        `SELECT (generic_plans + custom_plans)::int AS runs
           FROM pg_prepared_statements WHERE name = 'saga_insert'`,
      );
      return rows[0]?.runs ?? 0;
    });
    if (postgres.maxPoolSize === 1) {
      assert.equal(runs, 0, 'PGlite (one session for every client): sent as text');
    } else {
      // One statement on this connection that has run at least these seven times.
      assert.ok(runs >= 7, `saga_insert ran ${runs} times`);
    }
  });

  it('a second pool on the same database runs the same statements (PGlite: one shared session)', async () => {
    const other = await migratedDataSource(postgres, []);
    try {
      const second = new PostgresSagaStore(other);
      for (const each of [store, second, store, second]) {
        const saga = record();
        await each.transaction((tx) => each.insert(tx, saga));
        assert.deepEqual(await queries.findById(saga.id), saga);
      }
    } finally {
      await other.destroy();
    }
  });

  it('a prepared statement fails the way a text one does (a duplicate is a unique violation)', async () => {
    const saga = record();
    await insert(saga);
    await assert.rejects(insert({ ...saga }), (error: unknown) => isUniqueViolation(error));
  });

  it('statements sent together in a transaction commit together, or none when one fails', async () => {
    const [a, b] = [record(), record()];
    await store.transaction((tx) => Promise.all([store.insert(tx, a), store.insert(tx, b)]));
    assert.deepEqual([await queries.findById(a.id), await queries.findById(b.id)], [a, b]);

    const [fresh, duplicate] = [record(), { ...a }];
    const failed = store.transaction((tx) =>
      Promise.all([store.insert(tx, fresh), store.insert(tx, duplicate)]),
    );
    await assert.rejects(failed, (error: { code?: string }) => error.code === '23505');
    assert.equal(await queries.findById(fresh.id), null, 'rolled back with the duplicate');
    // The connection went back to the pool clean: the next transaction commits.
    const after = record();
    await insert(after);
    assert.deepEqual(await queries.findById(after.id), after);
  });

  // A step's transaction as the engine runs it: a local write, then the transition last.
  const transition = (saga: SagaRecord, held: { owner: string; revision: number }) =>
    store.transaction(async (tx) => {
      await store.append(tx, row(saga.id, 'local-write'));
      return store.advance({ ...saga, step: 'confirm' }, held, [row(saga.id, 'hold')], tx);
    });

  it('in a transaction, the transition and COMMIT leave in one write, and commit', async () => {
    const saga = record();
    await insert(saga);
    const writes = await writesDuring(async () =>
      assert.equal(await transition(saga, { owner: 'engine-a', revision: 1 }), true),
    );
    // BEGIN with the local write, then the transition with COMMIT (three writes before).
    assert.equal(writes, 2);
    assert.equal((await queries.findById(saga.id))?.step, 'confirm');
    assert.deepEqual((await queries.timeline(saga.id)).map((r) => r.step).sort(), [
      'hold',
      'local-write',
    ]);
  });

  it('a lease lost at the transition rolls back the transaction’s other writes, too', async () => {
    const saga = record();
    await insert(saga);
    assert.equal(await transition(saga, { owner: 'engine-b', revision: 1 }), false);
    assert.equal(await transition(saga, { owner: 'engine-a', revision: 0 }), false);
    assert.deepEqual(await queries.timeline(saga.id), [], 'the local write rolled back');
    assert.deepEqual(await queries.findById(saga.id), saga);
    // The connection went back clean: the holder's transition still commits.
    assert.equal(await transition(saga, { owner: 'engine-a', revision: 1 }), true);
  });

  it('nothing runs in the transaction after its last statement', async () => {
    const saga = record();
    await insert(saga);
    const late = record();
    const misuse = store.transaction(async (tx) => {
      await store.advance({ ...saga, step: 'confirm' }, { owner: 'engine-a', revision: 1 }, [], tx);
      await store.insert(tx, late);
    });
    await assert.rejects(misuse, /statement sent after COMMIT/);
    assert.equal(await queries.findById(late.id), null);
  });
});
