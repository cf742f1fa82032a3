import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rejected, succeeded } from '../src/definition/saga-definition.js';
import { InvalidSagaError } from '../src/errors/invalid-saga.error.js';
import { StepNotAttemptedError } from '../src/errors/step-not-attempted.error.js';
import { StepOutcomeUnknownError } from '../src/errors/step-outcome-unknown.error.js';
import { fakeEngine, start } from './support/fake-engine.js';
import { TRIP, TripScript, tripV1 } from './support/trip.saga.js';

const TRIP_ID = '00000000-0000-4000-8000-000000000001';
const payload = { traveller: 'ada', nights: 2 };

describe('saga engine rules (in-memory store)', () => {
  it('runs the steps in order; the local step’s writes commit with the saga’s end', async () => {
    const script = new TripScript();
    const engine = fakeEngine([tripV1(script)]);
    const saga = await engine.orchestrator.run(await start(engine, TRIP, TRIP_ID, payload));
    assert.equal(saga?.status, 'COMPLETED');
    assert.deepEqual(script.calls, ['reserve', 'book']);
    assert.deepEqual(engine.store.effects, ['booked', `${TRIP_ID} ended completed`]);
    assert.deepEqual(engine.store.timeline(saga!.id), [
      'reserve:execute:succeeded',
      'book:execute:succeeded',
    ]);
  });

  it('rolls back a local step that throws, records it failed and compensates before it', async () => {
    const script = new TripScript();
    script.book = async () => {
      throw new Error('no rooms');
    };
    const engine = fakeEngine([tripV1(script)]);
    const saga = await engine.orchestrator.run(await start(engine, TRIP, TRIP_ID, payload));
    assert.equal(saga?.status, 'COMPENSATED');
    assert.deepEqual(script.calls, ['reserve', 'book', 'cancel']);
    assert.deepEqual(engine.store.effects, [`${TRIP_ID} ended compensated`], 'no "booked"');
    assert.deepEqual(engine.store.timeline(saga!.id), [
      'reserve:execute:succeeded',
      'book:execute:failed',
      'reserve:compensate:succeeded',
    ]);
    assert.equal(saga?.lastError, 'no rooms');
  });

  it('compensates a remote step whose outcome is unknown; a refused one ends REJECTED', async () => {
    const script = new TripScript();
    script.reserve = async () => {
      throw new StepOutcomeUnknownError('timed out');
    };
    const engine = fakeEngine([tripV1(script)]);
    const unknown = await engine.orchestrator.run(await start(engine, TRIP, TRIP_ID, payload));
    assert.deepEqual([unknown?.status, script.calls], ['COMPENSATED', ['reserve', 'cancel']]);
    script.reserve = async () => rejected('sold out');
    const other = '00000000-0000-4000-8000-000000000002';
    const refused = await engine.orchestrator.run(await start(engine, TRIP, other, payload));
    assert.deepEqual([refused?.status, refused?.lastError], ['REJECTED', 'sold out']);
  });

  it('waits out a failing local retry step with backoff instead of looping at once', async () => {
    const script = new TripScript();
    let reserveFailures = 1;
    script.reserve = async () => {
      if (reserveFailures-- > 0) throw new Error('flaky');
      return succeeded();
    };
    script.book = async () => {
      throw new Error('calendar locked');
    };
    const v1 = tripV1(script);
    const retrying = {
      ...v1,
      steps: v1.steps.map((step) => ({ ...step, onFailure: 'retry' as const })),
    };
    const engine = fakeEngine([retrying], { retry: { initialMs: 50, maxMs: 50 } });
    const first = await engine.orchestrator.run(await start(engine, TRIP, TRIP_ID, payload));
    assert.deepEqual([first?.status, first?.step], ['RUNNING', 'reserve'], 'reserve waits');
    await sleep(60);
    await engine.recovery.runOnce(); // reserve succeeds, book (local, retry) fails
    const stored = engine.store.sagas.get(first!.id)!;
    assert.deepEqual([stored.step, stored.attempts, stored.owner], ['book', 1, null]);
    assert.ok(stored.nextAttemptAt.getTime() > Date.now(), 'the next try waits for its backoff');
    assert.equal(script.calls.filter((call) => call === 'book').length, 1);
  });

  it('costs no attempt while the breaker keeps a compensation from its target', async () => {
    const script = new TripScript();
    script.book = async () => rejected('full');
    script.cancel = async () => {
      throw new StepNotAttemptedError('circuit open: not called', 40);
    };
    const engine = fakeEngine([tripV1(script)], { giveUp: { maxAttempts: 2, afterMs: 60_000 } });
    const saga = await engine.orchestrator.run(await start(engine, TRIP, TRIP_ID, payload));
    for (let i = 0; i < 5; i += 1) {
      const stored = engine.store.sagas.get(saga!.id)!;
      assert.deepEqual([stored.status, stored.attempts], ['COMPENSATING', 0]);
      const wait = stored.nextAttemptAt.getTime() - stored.updatedAt.getTime();
      assert.ok(wait >= 40, `retried no sooner than the breaker allows (${wait} ms)`);
      await sleep(45);
      await engine.recovery.runOnce();
    }
    script.cancel = async () => undefined;
    await sleep(45);
    await engine.recovery.runOnce();
    assert.equal(engine.store.sagas.get(saga!.id)?.status, 'REJECTED');
  });

  it('gives up (STUCK) after the give-up time even when no try reached the target', async () => {
    const script = new TripScript();
    script.book = async () => rejected('full');
    script.cancel = async () => {
      throw new StepNotAttemptedError('circuit open: not called', 5);
    };
    const engine = fakeEngine([tripV1(script)], { giveUp: { maxAttempts: 99, afterMs: 60 } });
    const saga = await engine.orchestrator.run(await start(engine, TRIP, TRIP_ID, payload));
    for (let i = 0; i < 20 && engine.store.sagas.get(saga!.id)?.status !== 'STUCK'; i += 1) {
      await sleep(10);
      await engine.recovery.runOnce();
    }
    const stuck = engine.store.sagas.get(saga!.id)!;
    assert.deepEqual([stuck.status, stuck.attempts], ['STUCK', 0]);
    assert.match(stuck.lastError, /circuit open/);
  });

  it('leaves a saga STUCK, not ended, when its end cannot be recorded', async () => {
    const script = new TripScript();
    const failingEnd = tripV1(script, {
      onEnd: async () => {
        throw new Error('order is no longer PENDING');
      },
    });
    const engine = fakeEngine([failingEnd]);
    const saga = await engine.orchestrator.run(await start(engine, TRIP, TRIP_ID, payload));
    assert.equal(saga?.status, 'STUCK');
    assert.match(saga!.lastError, /ending the saga failed: order is no longer PENDING/);
    assert.deepEqual(engine.store.effects, ['booked'], 'the step’s own writes kept');
  });

  it('refuses to start a saga with a payload its schema refuses, and strands none', async () => {
    const engine = fakeEngine([tripV1(new TripScript())]);
    await assert.rejects(
      start(engine, TRIP, TRIP_ID, { traveller: '', nights: 1.5 }),
      (error: unknown) =>
        error instanceof InvalidSagaError && /traveller: .*nights: /.test(error.message),
    );
    assert.equal(engine.store.sagas.size, 0);
  });

  it('gives up on a stored saga whose payload no longer reads, naming why', async () => {
    const engine = fakeEngine([tripV1(new TripScript())]);
    const started = await start(engine, TRIP, TRIP_ID, payload);
    const stored = engine.store.sagas.get(started.id)!;
    engine.store.sagas.set(started.id, {
      ...stored,
      owner: null,
      nextAttemptAt: new Date(0),
      payload: { nights: 'two' },
    });
    await engine.recovery.runOnce();
    const stuck = engine.store.sagas.get(started.id)!;
    assert.equal(stuck.status, 'STUCK');
    assert.match(stuck.lastError, /payload does not match trip v1: traveller/);
  });
});
