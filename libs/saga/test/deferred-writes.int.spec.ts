import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { PostgresEndpoint } from '#platform';
import { migratedDataSource, testPostgres } from '#testing';
import {
  CreateSagaTables1764000000000,
  SagaHeldCheck1764600000000,
  sagaType,
  sendSql,
  succeeded,
  type SagaDefinition,
  type SagaStep,
} from '../src/index.js';
import { DeferredWriteFailedError } from '../src/errors/deferred-write-failed.error.js';
import { PostgresSagaQueries } from '../src/store/postgres/postgres-saga.queries.js';
import { PostgresSagaStore } from '../src/store/postgres/postgres-saga.store.js';
import type { SagaRecord } from '../src/store/saga-record.js';
import { bookingEngine, type BookingEngine } from './support/booking.saga.js';
import { record, row } from './support/saga-records.js';
import { writesDuring } from './support/socket-writes.js';

const NOTE = 'INSERT INTO notes (id, note) VALUES ($1, $2)';
const HELD = { owner: 'engine-a', revision: 1 };

/** Local writes sent with `sendSql` in a step's transaction: unanswered until the transition. */
describe('deferred writes in a step transaction (real PostgreSQL)', () => {
  let postgres: PostgresEndpoint;
  let dataSource: DataSource;
  let store: PostgresSagaStore;
  let queries: PostgresSagaQueries;

  before(async () => {
    postgres = await testPostgres();
    dataSource = await migratedDataSource(postgres, [
      CreateSagaTables1764000000000,
      SagaHeldCheck1764600000000,
    ]);
    await dataSource.query('CREATE TABLE notes (id uuid PRIMARY KEY, note text NOT NULL)');
    store = new PostgresSagaStore(dataSource);
    queries = new PostgresSagaQueries(dataSource);
  });
  after(async () => {
    await dataSource?.destroy();
    await postgres?.close();
  });

  const inserted = async () => {
    const saga = record();
    await store.transaction((tx) => store.insert(tx, saga));
    return saga;
  };
  const notes = async (...ids: string[]) =>
    ((await dataSource.query('SELECT id FROM notes WHERE id = ANY($1)', [ids])) as unknown[])
      .length;
  // A step's transaction as the engine runs it: the local writes, then the transition last.
  const step = (saga: SagaRecord, writes: (tx: EntityManager) => Promise<void>) =>
    store.transaction(
      async (tx) => {
        await writes(tx);
        return store.advance({ ...saga, step: 'confirm' }, HELD, [row(saga.id, 'hold')], tx);
      },
      { deferWrites: true },
    );

  it('the writes, the transition and COMMIT leave in one socket write, and commit', async () => {
    const saga = await inserted();
    const [a, b] = [randomUUID(), randomUUID()];
    const writes = await writesDuring(postgres.url, async () => {
      const advanced = await step(saga, async (tx) => {
        await sendSql(tx, NOTE, [a, 'hold']);
        await sendSql(tx, NOTE, [b, 'confirm']);
      });
      assert.equal(advanced, true);
    });
    // Awaited one by one: BEGIN with the first, the second, then the transition with COMMIT.
    assert.equal(writes, 1);
    assert.equal(await notes(a, b), 2);
    assert.equal((await queries.findById(saga.id))?.step, 'confirm');
  });

  it('one failing rolls back everything, the transition too, and its own error is thrown', async () => {
    const saga = await inserted();
    const [taken, fresh] = [randomUUID(), randomUUID()];
    await dataSource.query(NOTE, [taken, 'there first']);
    const failed = step(saga, async (tx) => {
      await sendSql(tx, NOTE, [fresh, 'hold']);
      await sendSql(tx, NOTE, [taken, 'duplicate']);
    });
    await assert.rejects(failed, (error: unknown) => {
      assert.ok(error instanceof DeferredWriteFailedError, String(error));
      assert.equal((error.cause as { driverError?: { code?: string } }).driverError?.code, '23505');
      return true;
    });
    assert.equal(await notes(fresh), 0, 'the write before it rolled back');
    assert.deepEqual(await queries.findById(saga.id), saga, 'the transition rolled back');
    // The connection went back clean: the same step now commits.
    assert.equal(await step(saga, (tx) => sendSql(tx, NOTE, [fresh, 'hold'])), true);
    assert.equal(await notes(fresh), 1);
  });

  it('a failing last write fails the transaction though COMMIT answers without an error', async () => {
    const [taken, fresh] = [randomUUID(), randomUUID()];
    await dataSource.query(NOTE, [taken, 'there first']);
    const failed = store.transaction(
      async (tx) => {
        await sendSql(tx, NOTE, [fresh, 'kept?']);
        await sendSql(tx, NOTE, [taken, 'duplicate']);
      },
      { deferWrites: true },
    );
    await assert.rejects(failed, DeferredWriteFailedError);
    assert.equal(await notes(fresh), 0);
  });

  it('without deferWrites a write waits for its answer, and fails where it was sent', async () => {
    const taken = randomUUID();
    await dataSource.query(NOTE, [taken, 'there first']);
    const seen = await store
      .transaction(async (tx) => {
        try {
          await sendSql(tx, NOTE, [taken, 'duplicate']);
          return 'no error';
        } catch (error) {
          return (error as { driverError?: { code?: string } }).driverError?.code;
        }
      })
      .catch(() => 'the transaction failed');
    assert.equal(seen, '23505');
  });
});

const LEDGER = sagaType<Record<string, never>>('ledger');
const BOOK = 'INSERT INTO bookings VALUES ($1, $2, now())';

/** hold writes a booking; confirm's write fails in PostgreSQL (a malformed uuid), unanswered. */
@Injectable()
class LedgerV1 implements SagaDefinition<Record<string, never>> {
  readonly type = LEDGER;
  readonly version = 1;
  readonly payload = z.object({}).strict();
  readonly steps: SagaStep<Record<string, never>>[] = [
    {
      name: 'hold',
      local: true,
      async execute({ tx, correlationId }) {
        await sendSql(tx, BOOK, [correlationId, 'hold']);
        return succeeded();
      },
      async compensate({ tx, correlationId }) {
        await sendSql(tx, BOOK, [correlationId, 'undo']);
      },
    },
    {
      name: 'confirm',
      local: true,
      async execute({ tx }) {
        await sendSql(tx, BOOK, ['not-a-uuid', 'confirm']);
        return succeeded();
      },
    },
  ];
}

describe('the engine with a local write that fails unanswered (real PostgreSQL)', () => {
  let postgres: PostgresEndpoint;
  let engine: BookingEngine;
  before(async () => {
    postgres = await testPostgres();
    engine = await bookingEngine(postgres, [LedgerV1]);
  });
  after(async () => {
    await engine?.app.close();
    await postgres?.close();
  });

  it('records the failure as the step’s own and undoes the steps before it', async () => {
    const correlationId = randomUUID();
    const saga = await engine.app
      .get(DataSource)
      .transaction((tx) => engine.orchestrator.begin(tx, LEDGER, correlationId, {}));
    await engine.orchestrator.run(saga);
    const [found] = await engine.reader.withTimelines(correlationId);
    assert.equal(found?.saga.status, 'COMPENSATED');
    const steps = found!.timeline.map((s) => `${s.step}:${s.action}:${s.outcome}`);
    assert.deepEqual(steps, [
      'hold:execute:succeeded',
      'confirm:execute:failed',
      'hold:compensate:succeeded',
    ]);
    assert.match(found!.timeline[1]!.error, /invalid input syntax for type uuid/);
    // The first try (all unanswered) rolled back whole: hold's note was written once.
    const entries = (await engine.app
      .get(DataSource)
      .query('SELECT entry FROM bookings WHERE id = $1 ORDER BY at, entry', [correlationId])) as {
      entry: string;
    }[];
    assert.deepEqual(entries.map((e) => e.entry).sort(), ['hold', 'undo']);
  });
});
