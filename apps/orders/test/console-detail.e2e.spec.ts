import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  placeStuckSaga,
  startConsoleFixture,
  type ConsoleFixture,
} from './support/console-fixture.js';

interface Detail {
  saga: { status: string; order_id: string };
  order: { id: string; status: string };
  timeline: Array<{
    step: string;
    action: string;
    outcome: string;
    attempt: number;
    error: string;
    duration_ms: number;
    trace_id: string;
    actor: string | null;
  }>;
  payment: { state: string; reason?: string };
  related_sagas: Array<{ id: string }>;
}

describe('saga console API: one saga, the page settings and sign-in (real orders + PostgreSQL)', () => {
  let fx: ConsoleFixture;
  let stuckId: string;

  before(async () => {
    fx = await startConsoleFixture();
    stuckId = await placeStuckSaga(fx);
  });
  after(() => fx?.stop());

  it('shows one saga: its order, the full timeline, and the payment as unavailable while payments is down', async () => {
    const reply = await fx.api<Detail>(`/console/api/sagas/${stuckId}`, { token: fx.adminToken });
    assert.equal(reply.status, 200);
    const { saga, order, timeline, payment, related_sagas: related } = reply.body;
    assert.equal(saga.status, 'STUCK');
    assert.equal(order.id, saga.order_id);
    assert.deepEqual(
      timeline.map((row) => `${row.step}:${row.action}:${row.outcome}:${row.attempt}`),
      // Each refund's outcome is unknown (payments never answers): it may have been done.
      ['charge:execute:unknown:1', 'charge:compensate:retrying:1', 'charge:compensate:unknown:2'],
    );
    for (const row of timeline) {
      assert.ok(row.error.length > 0, 'each failed row carries its error in full');
      assert.ok(row.duration_ms >= 0);
      assert.match(row.trace_id, /^(?!0+$)[0-9a-f]{32}$/, 'the trace of the step');
      assert.equal(row.actor, null, 'the engine, not a person');
    }
    assert.equal(payment.state, 'unavailable');
    assert.ok(payment.reason && payment.reason.length > 0);
    assert.deepEqual(
      related.map((s) => s.id),
      [stuckId],
    );
  });

  it('answers 404 for an unknown saga and 400 for a malformed id', async () => {
    const unknown = await fx.api(`/console/api/sagas/${randomUUID()}`, { token: fx.adminToken });
    assert.equal(unknown.status, 404);
    const malformed = await fx.api('/console/api/sagas/not-an-id', { token: fx.adminToken });
    assert.equal(malformed.status, 400);
  });

  it('gives the page its settings, no secrets, under a strict content security policy', async () => {
    const reply = await fx.api<Record<string, unknown>>('/console/api/config');
    assert.equal(reply.status, 200);
    assert.deepEqual(Object.keys(reply.body).sort(), [
      'overdue_after_ms',
      'poll_interval_ms',
      'trace_viewer_url',
    ]);
    assert.equal(reply.body.trace_viewer_url, 'http://jaeger.test/trace/{traceId}');
    assert.ok(Number(reply.body.poll_interval_ms) <= 2000, 'live: polls at least every 2 s');
    assert.match(reply.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('sign-in: refuses a non-JSON body and reports auth being down as 503', async () => {
    const down = await fx.api<{ title: string }>('/console/api/login', {
      method: 'POST',
      body: { username: 'ops', password: 'whatever-password' },
    });
    assert.equal(down.status, 503);
    assert.equal(down.body.title, 'UNAVAILABLE');
    const form = await fetch(`http://127.0.0.1:${fx.orders.httpPort}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=ops&password=x',
    });
    assert.equal(form.status, 400);
  });

  it('has no test fault switch route unless SAGA_FAULTS_ENABLED', async () => {
    const reply = await fx.api('/console/api/test-faults/refund', {
      token: fx.adminToken,
      method: 'PUT',
      body: { failing: false },
    });
    assert.equal(reply.status, 404);
  });
});
