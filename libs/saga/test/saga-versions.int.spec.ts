import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import type { PostgresEndpoint } from '#platform';
import { testPostgres } from '#testing';
import { MissingSagaVersionsError, type StartedSaga } from '../src/index.js';
import {
  BOOKING,
  bookingEngine,
  BookingV1,
  BookingV2,
  type BookingEngine,
} from './support/booking.saga.js';

/** Sagas of two definition versions in flight on one real PostgreSQL, across a "deploy". */
describe('saga versions on a real PostgreSQL', () => {
  let postgres: PostgresEndpoint;
  before(async () => (postgres = await testPostgres()));
  after(() => postgres?.close());

  const begin = (engine: BookingEngine) =>
    engine.app
      .get(DataSource)
      .transaction((tx) => engine.orchestrator.begin(tx, BOOKING, randomUUID(), { guest: 'ada' }));
  const steps = async (engine: BookingEngine, saga: StartedSaga) =>
    (await engine.reader.timeline(saga.id)).map((row) => row.step);

  it('finishes v1 sagas on v1 after a deploy that adds v2, and starts new ones on v2', async () => {
    const v1Only = await bookingEngine(postgres, [BookingV1], 300);
    const inFlight = [await begin(v1Only), await begin(v1Only)]; // begun, the engine then "dies"
    await v1Only.app.get(DataSource).destroy();

    const both = await bookingEngine(postgres, [BookingV1, BookingV2]);
    try {
      const counts = await both.reader.inFlightByVersion();
      assert.deepEqual(counts, [{ type: 'booking', version: 1, count: 2 }]);
      await new Promise((resolve) => setTimeout(resolve, 350)); // the dead engine's lease ends
      assert.equal(await both.recovery.runOnce(), 2);
      for (const saga of inFlight) assert.deepEqual(await steps(both, saga), ['hold', 'confirm']);
      const fresh = await begin(both);
      const view = await both.orchestrator.run(fresh);
      assert.deepEqual([view?.status, view?.version], ['COMPLETED', 2]);
      assert.deepEqual(await steps(both, fresh), ['hold', 'welcome', 'confirm']);
      assert.deepEqual(await both.reader.inFlightByVersion(), []);
    } finally {
      await both.app.close();
    }
  });

  it('refuses to start without a version that unfinished sagas started on, naming it', async () => {
    const v1Only = await bookingEngine(postgres, [BookingV1]);
    await begin(v1Only);
    await v1Only.app.get(DataSource).destroy();
    await assert.rejects(bookingEngine(postgres, [BookingV2]), (error: unknown) => {
      assert.ok(error instanceof MissingSagaVersionsError, String(error));
      assert.match(error.message, /booking v1 \(1 in flight\)/);
      return true;
    });
  });
});
