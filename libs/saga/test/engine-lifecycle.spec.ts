import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rejected, succeeded } from '../src/definition/saga-definition.js';
import { SagaEngineStoppingError } from '../src/errors/engine-stopping.error.js';
import { MissingSagaVersionsError } from '../src/errors/missing-saga-versions.error.js';
import { SagaNotStuckError } from '../src/errors/saga-not-stuck.error.js';
import { fakeEngine, start } from './support/fake-engine.js';
import { OneConnectionSagaStore } from './support/in-memory-saga.store.js';
import { TRIP, TripScript, tripV1, tripV2 } from './support/trip.saga.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const payload = { traveller: 'ada', nights: 2 };

describe('saga versions, operators, recovery and shutdown (in-memory store)', () => {
  it('runs each saga on the version it started on; new ones start on the newest', async () => {
    const script = new TripScript();
    const old = fakeEngine([tripV1(script)]);
    const before = await start(old, TRIP, id(1), payload); // started on v1, not yet run
    const upgraded = fakeEngine([tripV1(script), tripV2(script)]);
    for (const [key, saga] of old.store.sagas)
      upgraded.store.sagas.set(key, { ...saga, owner: null, nextAttemptAt: new Date(0) });
    await upgraded.recovery.runOnce();
    assert.deepEqual(script.calls, ['reserve', 'book'], 'v1 has no pay step');
    const after = await upgraded.orchestrator.run(await start(upgraded, TRIP, id(2), payload));
    assert.deepEqual(script.calls.slice(2), ['reserve', 'pay', 'book']);
    assert.deepEqual([upgraded.store.sagas.get(before.id)?.version, after?.version], [1, 2]);
  });

  it('refuses to start without a version that unfinished sagas still run on', async () => {
    const script = new TripScript();
    const old = fakeEngine([tripV1(script)]);
    await start(old, TRIP, id(1), payload);
    await start(old, TRIP, id(2), payload);
    const onlyV2 = fakeEngine([tripV2(script)]);
    for (const [key, saga] of old.store.sagas) onlyV2.store.sagas.set(key, saga);
    await assert.rejects(onlyV2.recovery.onApplicationBootstrap(), (error: unknown) => {
      assert.ok(error instanceof MissingSagaVersionsError);
      assert.match(error.message, /trip v1 \(2 in flight\)/);
      return true;
    });
    await fakeEngine([tripV1(script), tripV2(script)]).guard.check(); // both kept: fine
  });

  it('queues an operator’s retry of a STUCK saga for the recovery worker, recorded', async () => {
    const script = new TripScript();
    script.book = async () => rejected('full');
    script.cancel = async () => {
      throw new Error('provider down');
    };
    const engine = fakeEngine([tripV1(script)], { giveUp: { maxAttempts: 1, afterMs: 60_000 } });
    const saga = (await engine.orchestrator.run(await start(engine, TRIP, id(1), payload)))!;
    assert.equal(saga.status, 'STUCK');
    await assert.rejects(engine.operator.retry(id(9), 'ops', ''), /not found/);
    script.cancel = async () => undefined;
    const queued = await engine.operator.retry(saga.id, 'alice', 'provider is back');
    assert.deepEqual([queued.status, queued.attempts], ['COMPENSATING', 0]);
    const stored = engine.store.sagas.get(saga.id)!;
    assert.equal(stored.owner, null, 'not run here: queued');
    assert.equal(engine.store.timeline(saga.id).at(-1), 'reserve:operator:retry-now');
    assert.equal(engine.store.rows.at(-1)?.actor, 'alice');
    await assert.rejects(engine.operator.retry(saga.id, 'bob', ''), SagaNotStuckError);
    await engine.recovery.runOnce();
    assert.equal(engine.store.sagas.get(saga.id)?.status, 'REJECTED');
  });

  it('resolves a STUCK saga by hand as it was heading to end, its end hook told why', async () => {
    const script = new TripScript();
    script.book = async () => rejected('full');
    script.cancel = async () => {
      throw new Error('provider down');
    };
    const engine = fakeEngine([tripV1(script)], { giveUp: { maxAttempts: 1, afterMs: 60_000 } });
    const saga = (await engine.orchestrator.run(await start(engine, TRIP, id(1), payload)))!;
    const resolved = await engine.operator.resolve(saga.id, 'alice', 'cancelled by phone');
    assert.deepEqual([resolved.status, resolved.ending], ['REJECTED', 'rejected']);
    assert.deepEqual(engine.store.effects.at(-1), `${id(1)} ended rejected`);
    assert.equal(engine.store.rows.at(-1)?.note, 'cancelled by phone');
  });

  it('runs no more recovered sagas at once than its concurrency', async () => {
    const script = new TripScript();
    let running = 0;
    let most = 0;
    script.reserve = async () => {
      most = Math.max(most, ++running);
      await sleep(20);
      running -= 1;
    };
    const engine = fakeEngine([tripV1(script)], { recovery: { intervalMs: 0, concurrency: 3 } });
    for (let n = 1; n <= 10; n += 1) await start(engine, TRIP, id(n), payload);
    for (const saga of engine.store.sagas.values()) {
      engine.store.sagas.set(saga.id, { ...saga, owner: null, nextAttemptAt: new Date(0) });
    }
    let passes = 0;
    while ([...engine.store.sagas.values()].some((s) => s.status !== 'COMPLETED')) {
      passes += await engine.recovery.runOnce().then(() => 1);
    }
    assert.equal(most, 3);
    assert.ok(passes >= 4, `10 sagas, 3 at a time: ${passes} passes`);
  });

  it('keeps its lease while a step outlasts it: no other run takes the saga over', async () => {
    const script = new TripScript();
    script.reserve = async () => {
      await sleep(1_200);
    };
    // Renewed every 100 ms: even a busy machine's stalls leave the lease alive.
    const engine = fakeEngine([tripV1(script)], { leaseMs: 300 });
    const running = engine.orchestrator.run(await start(engine, TRIP, id(1), payload));
    for (let i = 0; i < 10; i += 1) {
      await sleep(100);
      assert.equal(await engine.recovery.runOnce(), 0, 'nothing due while the lease is renewed');
    }
    assert.equal((await running)?.status, 'COMPLETED');
    assert.deepEqual(script.calls, ['reserve', 'book']);
  });

  it('on shutdown finishes what it runs, hands back what it holds, starts nothing new', async () => {
    const script = new TripScript();
    script.reserve = async () => {
      await sleep(50);
    };
    const engine = fakeEngine([tripV1(script)], { drainMs: 1_000 });
    const running = engine.orchestrator.runWithin(await start(engine, TRIP, id(1), payload), 0);
    const held = await start(engine, TRIP, id(2), payload); // begun, never run here
    assert.equal(await running, undefined, 'the request did not wait');
    await engine.orchestrator.beforeApplicationShutdown();
    const sagas = engine.store.sagas;
    assert.equal([...sagas.values()].find((s) => s.correlationId === id(1))?.status, 'COMPLETED');
    assert.deepEqual([sagas.get(held.id)?.owner, sagas.get(held.id)?.status], [null, 'RUNNING']);
    assert.ok(sagas.get(held.id)!.nextAttemptAt.getTime() <= Date.now(), 'due for another engine');
    await assert.rejects(start(engine, TRIP, id(3), payload), SagaEngineStoppingError);
  });

  it('on shutdown stops a request waiting on a saga it hands back, long before its budget', async () => {
    const script = new TripScript();
    let releaseReserve = () => {};
    script.reserve = () => new Promise<void>((resolve) => (releaseReserve = resolve));
    const engine = fakeEngine([tripV1(script)], { drainMs: 50 });
    const waiting = engine.orchestrator.runWithin(
      await start(engine, TRIP, id(1), payload),
      600_000,
    );
    await sleep(20); // the step is under way
    await engine.orchestrator.beforeApplicationShutdown();
    const answered = await Promise.race([waiting, sleep(5_000, 'still waiting')]);
    assert.equal(answered, undefined, 'the request answers once its saga is handed back');
    const saga = [...engine.store.sagas.values()].find((s) => s.correlationId === id(1));
    assert.deepEqual([saga?.owner, saga?.status], [null, 'RUNNING'], 'handed back, unfinished');
    releaseReserve();
  });

  it('past the drain starts no step: on one connection the hand-back does not queue behind them', async () => {
    const script = new TripScript();
    script.book = async () => {
      await sleep(300);
      return succeeded();
    };
    const store = new OneConnectionSagaStore();
    const engine = fakeEngine([tripV1(script)], { drainMs: 50 }, store);
    const sagas = await Promise.all([1, 2, 3].map((n) => start(engine, TRIP, id(n), payload)));
    for (const saga of sagas) void engine.orchestrator.runWithin(saga, 0);
    await sleep(20); // reserved; one book holds the connection, two wait for it
    await engine.orchestrator.beforeApplicationShutdown();
    const books = () => script.calls.filter((call) => call === 'book').length;
    assert.equal(books(), 1, 'only the book under way at the drain ran');
    const states = sagas.map((saga) => store.sagas.get(saga.id)!);
    const handedBack = states.filter((s) => s.status === 'RUNNING');
    assert.deepEqual(
      handedBack.map((s) => [s.step, s.owner]),
      [
        ['book', null],
        ['book', null],
      ],
      'the reserve results written, the sagas handed back at their local step',
    );
    const next = fakeEngine([tripV1(script)], {}, store);
    await next.recovery.runOnce();
    assert.equal(
      script.calls.filter((call) => call === 'reserve').length,
      3,
      'none reserved twice',
    );
    assert.equal(books(), 3);
    assert.ok(sagas.every((saga) => store.sagas.get(saga.id)?.status === 'COMPLETED'));
  });

  it('stops claiming at once on shutdown; a claim that lands after it hands back what it took', async () => {
    const script = new TripScript();
    let booked = false;
    script.book = async () => {
      await sleep(300);
      booked = true;
      return succeeded();
    };
    const store = new OneConnectionSagaStore();
    const engine = fakeEngine(
      [tripV1(script)],
      { recovery: { intervalMs: 10, concurrency: 4 } },
      store,
    );
    const due = await start(engine, TRIP, id(2), payload).then((saga) => store.sagas.get(saga.id)!);
    store.sagas.set(due.id, { ...due, owner: null, nextAttemptAt: new Date(0) }); // another engine's
    void engine.orchestrator.runWithin(await start(engine, TRIP, id(1), payload), 0);
    await sleep(20); // its book holds the connection
    await engine.recovery.onApplicationBootstrap(); // its claim queues behind the book
    await engine.recovery.beforeApplicationShutdown();
    assert.equal(booked, false, 'shutdown did not wait for the claim queued behind the book');
    await engine.orchestrator.beforeApplicationShutdown();
    await store.transaction(async () => undefined); // everything queued before has run
    assert.deepEqual(script.calls, ['reserve', 'book'], 'the claimed saga did not run');
    const handedBack = store.sagas.get(due.id)!;
    assert.deepEqual([handedBack.owner, handedBack.status], [null, 'RUNNING']);
  });
});
