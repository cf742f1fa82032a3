import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import {
  ADMIN_USERNAME,
  ALERTS_DIR,
  eventually,
  placeStuckSaga,
  startConsoleFixture,
  type ConsoleFixture,
} from './support/console-fixture.js';

interface Row {
  action: string;
  outcome: string;
  actor: string | null;
  note: string | null;
  started_at: string;
}
interface Detail {
  saga: { id: string; status: string; attempts: number; finished_at: string | null };
  order: { status: string; status_reason: string };
  timeline: Row[];
}
interface Problem {
  title: string;
  detail: string;
}

describe('saga console actions on STUCK sagas (real orders + PostgreSQL, payments down)', () => {
  let fx: ConsoleFixture;

  const detail = async (sagaId: string) =>
    (await fx.api<Detail>(`/console/api/sagas/${sagaId}`, { token: fx.adminToken })).body;
  const act = (sagaId: string, action: 'retry' | 'resolve', body: unknown = {}) =>
    fx.api<Problem & { saga: { status: string } }>(`/console/api/sagas/${sagaId}/${action}`, {
      token: fx.adminToken,
      method: 'POST',
      body,
    });
  const stuckSaga = () => placeStuckSaga(fx);

  before(async () => (fx = await startConsoleFixture()));
  after(() => fx?.stop());

  it('refuses both actions on a saga that is not STUCK, says why, and changes nothing', async () => {
    const done = await fx.seedSaga({ status: 'COMPLETED', step: 'confirm', ageMs: 60_000 });
    const running = await fx.seedSaga({ status: 'RUNNING', ageMs: 60_000 });
    const retried = await act(done.sagaId, 'retry');
    assert.equal(retried.status, 409);
    assert.equal(retried.body.title, 'SAGA_NOT_STUCK');
    assert.match(retried.body.detail, /is COMPLETED: only a STUCK saga can be retried.*ended/);
    const resolved = await act(running.sagaId, 'resolve', { note: 'done by hand' });
    assert.equal(resolved.status, 409);
    assert.match(resolved.body.detail, /is RUNNING: only a STUCK saga can be resolved.*engine/);
    for (const { sagaId } of [done, running]) {
      const { timeline } = await detail(sagaId);
      assert.deepEqual(timeline, [], 'no operator row was recorded');
    }
    assert.equal((await detail(running.sagaId)).saga.status, 'RUNNING');
  });

  it('retry now: back to COMPENSATING at once, recorded with who and when, queued for the recovery worker', async () => {
    const sagaId = await stuckSaga();
    const before = Date.now();
    const [first, second] = await Promise.all([
      act(sagaId, 'retry', { note: 'payments is back' }),
      act(sagaId, 'retry', { note: 'me too' }),
    ]);
    assert.deepEqual([first.status, second.status].sort(), [200, 409], 'one retry wins the lock');
    const winner = first.status === 200 ? first : second;
    assert.equal(winner.body.saga.status, 'COMPENSATING');
    const operatorRows = (await detail(sagaId)).timeline.filter((r) => r.action === 'operator');
    assert.equal(operatorRows.length, 1);
    const [row] = operatorRows;
    assert.equal(row!.outcome, 'retry-now');
    assert.equal(row!.actor, ADMIN_USERNAME);
    assert.ok(Date.parse(row!.started_at) >= before - 1000);
    // payments is still down: the recovery worker (every 100 ms here) tries again and runs out of
    // attempts again.
    const after = await eventually(async () => {
      const view = await detail(sagaId);
      return view.saga.status === 'STUCK' ? view : undefined;
    }, 'the retried saga to be worked again');
    const rows = after.timeline;
    const retryAt = rows.findIndex((r) => r.outcome === 'retry-now');
    const rerun = rows.slice(retryAt + 1);
    assert.deepEqual(
      rerun.map((r) => `${r.action}:${r.outcome}`),
      ['compensate:retrying', 'compensate:unknown'],
    );
    assert.ok(
      Date.parse(rerun[0]!.started_at) - Date.parse(row!.started_at) < 2_000,
      'soon: queued, not waiting',
    );
  });

  it('resolve by hand needs a note, then ends the saga and its order, recorded in the timeline', async () => {
    const sagaId = await stuckSaga();
    const noNote = await act(sagaId, 'resolve', {});
    assert.equal(noNote.status, 400);
    assert.match(noNote.body.detail, /note: is required/);
    const note = 'refunded by hand in the provider dashboard, ticket OPS-42';
    const resolved = await act(sagaId, 'resolve', { note });
    assert.equal(resolved.status, 200);
    assert.equal(resolved.body.saga.status, 'COMPENSATED');
    const view = await detail(sagaId);
    assert.equal(view.saga.status, 'COMPENSATED');
    assert.ok(view.saga.finished_at);
    assert.equal(view.order.status, 'CANCELLED');
    assert.match(view.order.status_reason, /resolved by hand: refunded by hand/);
    const last = view.timeline.at(-1)!;
    assert.deepEqual(
      [last.action, last.outcome, last.actor, last.note],
      ['operator', 'resolved', ADMIN_USERNAME, note],
    );
    assert.equal((await act(sagaId, 'resolve', { note })).status, 409, 'once only');
    assert.equal((await act(sagaId, 'retry')).status, 409);
  });

  it('exports the overdue, unfinished and operator-action metrics the alert rules use', async () => {
    await fx.seedSaga({ status: 'RUNNING', ageMs: 2 * 3_600_000 });
    const text = await (await fetch(`http://127.0.0.1:${fx.orders.httpPort}/metrics`)).text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
    assert.equal(value(/^saga_overdue\{[^}]*status="RUNNING"[^}]*\} (\d+)$/m), 1);
    assert.equal(value(/^saga_unfinished\{[^}]*status="RUNNING"[^}]*\} (\d+)$/m), 2);
    assert.ok(value(/^saga_unfinished\{[^}]*status="STUCK"[^}]*\} (\d+)$/m) >= 1);
    assert.equal(value(/^saga_overdue_threshold_seconds\{[^}]*\} (\d+)$/m), 3600);
    assert.equal(value(/^saga_operator_actions_total\{action="resolved"[^}]*\} (\d+)$/m), 1);
    assert.equal(value(/^saga_operator_actions_total\{action="retry-now"[^}]*\} (\d+)$/m), 1);
    const rules = await readFile(`${ALERTS_DIR}saga-console.rules.yml`, 'utf8');
    const used = new Set(rules.match(/\bsaga_[a-z_]+(?=[{)\s])/g));
    assert.ok(used.size >= 2);
    for (const name of used) {
      assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), `${name} is exported`);
    }
  });
});
