import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { PostgresEndpoint } from '#platform';
import { testPostgres } from '#testing';
import { FAULT_MARKERS } from '#contracts';
import {
  crashMidCharge,
  CUSTOMER,
  recoverUntil,
  startEngine,
  timeline,
  type Engine,
  type EngineSettings,
} from './support/saga-engine.harness.js';
import { ScriptedPayments } from './support/scripted-payments.js';

const EUR = (amountMinor: number) => ({ currencyCode: 'EUR', amountMinor });
const FAIL_CONFIRM_MARKER = FAULT_MARKERS.failConfirm;

describe('saga engine with scripted payment outcomes (real PostgreSQL)', () => {
  let postgres: PostgresEndpoint;
  before(async () => (postgres = await testPostgres()));
  after(() => postgres.close());

  async function withEngine(
    payments: ScriptedPayments,
    body: (engine: Engine) => Promise<void>,
    settings: EngineSettings = {},
  ) {
    const engine = await startEngine(postgres, payments, settings);
    try {
      await body(engine);
    } finally {
      await engine.app.close();
    }
  }

  const place = (engine: Engine, amountMinor: number, description = '') =>
    engine.createOrder.execute({
      caller: CUSTOMER,
      idempotencyKey: randomUUID(),
      amount: EUR(amountMinor),
      description,
    });

  it('charges then confirms: order APPROVED, one capture, saga COMPLETED', async () => {
    const payments = new ScriptedPayments();
    await withEngine(payments, async (engine) => {
      const order = await place(engine, 99_999);
      assert.equal(order.status, 'APPROVED');
      assert.equal(payments.ledger.get(order.id), 'CAPTURED');
      const { saga, steps } = await timeline(engine, order.id);
      assert.equal(saga.status, 'COMPLETED');
      assert.deepEqual(steps, [
        'charge:execute:succeeded',
        'fraud-check:execute:succeeded',
        'confirm:execute:succeeded',
      ]);
    });
  });

  it('a declined charge rejects the order with nothing to undo', async () => {
    const payments = new ScriptedPayments();
    await withEngine(payments, async (engine) => {
      const order = await place(engine, 100_000);
      assert.equal(order.status, 'REJECTED');
      assert.match(order.statusReason, /declined/);
      const { saga, steps } = await timeline(engine, order.id);
      assert.equal(saga.status, 'REJECTED');
      assert.deepEqual(steps, ['charge:execute:failed']);
    });
  });

  it('a confirm failing after the charge refunds it: order CANCELLED, payment REFUNDED', async () => {
    const payments = new ScriptedPayments();
    await withEngine(payments, async (engine) => {
      const order = await place(engine, 500, `gift ${FAIL_CONFIRM_MARKER}`);
      assert.equal(order.status, 'CANCELLED');
      assert.equal(payments.ledger.get(order.id), 'REFUNDED');
      const { saga, steps } = await timeline(engine, order.id);
      assert.equal(saga.status, 'COMPENSATED');
      assert.deepEqual(steps, [
        'charge:execute:succeeded',
        'fraud-check:execute:succeeded',
        'confirm:execute:failed',
        'fraud-check:compensate:succeeded',
        'charge:compensate:succeeded',
      ]);
    });
  });

  it('a confirm finding its order no longer PENDING fails as that step, and the charge is refunded', async () => {
    const payments = new ScriptedPayments();
    await withEngine(payments, async (engine) => {
      // Moved while the charge ran: confirm's UPDATE, sent unanswered with the transition, fails.
      payments.beforeReply = (orderId) =>
        engine.orders.transaction((tx) =>
          engine.orders.transition(tx, orderId, ['PENDING'], 'CANCELLED', 'cancelled by hand'),
        );
      const placed = await place(engine, 700);
      await recoverUntil(
        engine,
        async () => (await timeline(engine, placed.id)).saga.status === 'STUCK',
      );
      const [{ timeline: rows }] = await engine.sagas.withTimelines(placed.id);
      assert.deepEqual(
        rows.map((s) => `${s.step}:${s.action}:${s.outcome}`),
        [
          'charge:execute:succeeded',
          'fraud-check:execute:succeeded',
          'confirm:execute:failed',
          'fraud-check:compensate:succeeded',
          'charge:compensate:succeeded',
        ],
      );
      assert.match(rows[2]!.error, /^order .* is no longer PENDING$/);
      assert.equal(payments.ledger.get(placed.id), 'REFUNDED');
      // Its end finds the order moved too, and leaves it as found for a person (as below).
      assert.equal((await engine.orders.findById(placed.id))?.status, 'CANCELLED');
    });
  });

  it('answers each ended order exactly as the database holds it (no read-back)', async () => {
    const payments = new ScriptedPayments();
    await withEngine(payments, async (engine) => {
      const answers = [
        await place(engine, 99_999),
        await place(engine, 100_000),
        await place(engine, 500, `gift ${FAIL_CONFIRM_MARKER}`),
      ];
      assert.deepEqual(
        answers.map((order) => order.status),
        ['APPROVED', 'REJECTED', 'CANCELLED'],
      );
      for (const answer of answers) {
        assert.deepEqual(answer, await engine.orders.findById(answer.id), answer.status);
        // Stamped when its saga ended, not left at its creation; both come from the millisecond
        // clock, so a declined charge can end in the millisecond the order was created in.
        const { saga } = await timeline(engine, answer.id);
        assert.deepEqual(answer.updatedAt, saga.updatedAt, answer.status);
        assert.ok(answer.updatedAt >= answer.createdAt, answer.status);
      }
    });
  });

  it('a charge whose outcome is unknown (reply lost after capture) is refunded', async () => {
    const payments = Object.assign(new ScriptedPayments(), { loseChargeReply: true });
    await withEngine(payments, async (engine) => {
      const order = await place(engine, 700);
      assert.equal(order.status, 'CANCELLED');
      assert.equal(payments.ledger.get(order.id), 'REFUNDED');
      const { steps } = await timeline(engine, order.id);
      assert.deepEqual(steps, ['charge:execute:unknown', 'charge:compensate:succeeded']);
    });
  });

  it('survives a crash between steps: a new engine on the same database finishes the saga', async () => {
    const payments = new ScriptedPayments();
    const orderId = await crashMidCharge(postgres, payments, 1234);

    payments.hangCharges = false;
    await withEngine(payments, async (engine) => {
      assert.equal(
        await engine.recovery.runOnce(),
        0,
        'the lease is still held right after the crash',
      );
      await recoverUntil(
        engine,
        async () => (await engine.orders.findById(orderId))?.status !== 'PENDING',
      );
      const order = await engine.orders.findById(orderId);
      assert.equal(order?.status, 'APPROVED');
      assert.equal(payments.captures, 1, 'the retried charge did not charge twice');
      const { saga } = await timeline(engine, orderId);
      assert.equal(saga.status, 'COMPLETED');
    });
  });

  it('an engine whose lease was taken over cannot apply its late step result', async () => {
    let release!: () => void;
    const payments = Object.assign(new ScriptedPayments(), {
      holdFirstReply: new Promise<void>((resolve) => (release = resolve)),
    });
    const slow = await startEngine(postgres, payments, { leaseMs: 300 });
    const key = randomUUID();
    const placing = slow.createOrder.execute({
      caller: CUSTOMER,
      idempotencyKey: key,
      amount: EUR(4321),
      description: '',
    });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the charge's reply is held
    const orderId = (await slow.orders.findByIdempotencyKey(CUSTOMER.subject, key))!.id;
    // The slow engine loses its lease (cut off from the database long enough, say): the saga
    // is handed on, as a release or another engine's claim does, and its renewals fail.
    await slow.orders.transaction((tx) =>
      tx.query(
        `UPDATE saga_instances SET owner = NULL, next_attempt_at = now(), revision = revision + 1
          WHERE correlation_id = $1`,
        [orderId],
      ),
    );
    await withEngine(payments, async (engine) => {
      await recoverUntil(
        engine,
        async () => (await engine.orders.findById(orderId))?.status !== 'PENDING',
      );
      release(); // the first engine's charge now answers, too late
      const order = await placing;
      assert.equal(order.status, 'APPROVED');
      const { steps } = await timeline(engine, orderId);
      assert.deepEqual(steps, [
        'charge:execute:succeeded',
        'fraud-check:execute:succeeded',
        'confirm:execute:succeeded',
      ]);
      assert.equal(payments.captures, 1);
    });
    await slow.app.close();
  });

  it('retries a failing compensation with backoff until it succeeds', async () => {
    const payments = Object.assign(new ScriptedPayments(), { failRefunds: 2 });
    await withEngine(payments, async (engine) => {
      const placed = await place(engine, 800, FAIL_CONFIRM_MARKER);
      assert.equal(placed.status, 'PENDING', 'the first refund failed: still compensating');
      await recoverUntil(
        engine,
        async () => (await engine.orders.findById(placed.id))?.status !== 'PENDING',
      );
      assert.equal((await engine.orders.findById(placed.id))?.status, 'CANCELLED');
      assert.equal(payments.ledger.get(placed.id), 'REFUNDED');
      const { steps } = await timeline(engine, placed.id);
      assert.deepEqual(steps.slice(4), [
        'charge:compensate:retrying',
        'charge:compensate:retrying',
        'charge:compensate:succeeded',
      ]);
    });
  });

  it('leaves the saga STUCK, not ended, when its order is no longer PENDING at the end', async () => {
    const payments = Object.assign(new ScriptedPayments(), { failRefunds: 1 });
    await withEngine(payments, async (engine) => {
      const placed = await place(engine, 950, FAIL_CONFIRM_MARKER);
      assert.equal(placed.status, 'PENDING', 'the first refund failed: still compensating');
      // Someone moved the order meanwhile: the saga must not end as if it were still PENDING.
      await engine.orders.transaction((tx) =>
        engine.orders.transition(tx, placed.id, ['PENDING'], 'APPROVED'),
      );
      await recoverUntil(
        engine,
        async () => (await timeline(engine, placed.id)).saga.status !== 'COMPENSATING',
      );
      const { saga } = await timeline(engine, placed.id);
      assert.equal(saga.status, 'STUCK');
      assert.match(saga.lastError, /ending the saga failed: order .* is no longer PENDING/);
      assert.equal((await engine.orders.findById(placed.id))?.status, 'APPROVED', 'left as found');
      assert.equal(payments.ledger.get(placed.id), 'REFUNDED');
    });
  });

  it('marks the saga STUCK when compensation never succeeds, and counts it', async () => {
    const payments = Object.assign(new ScriptedPayments(), { failRefunds: Infinity });
    await withEngine(
      payments,
      async (engine) => {
        const placed = await place(engine, 900, FAIL_CONFIRM_MARKER);
        await recoverUntil(
          engine,
          async () => (await timeline(engine, placed.id)).saga.status === 'STUCK',
        );
        const { saga, steps } = await timeline(engine, placed.id);
        assert.equal(saga.status, 'STUCK');
        assert.equal(saga.attempts, 3);
        // The refund may or may not have reached payments: the timeline says so.
        assert.equal(steps.at(-1), 'charge:compensate:unknown');
        assert.equal((await engine.orders.findById(placed.id))?.status, 'PENDING');
        const stuck = await engine.metrics.getSingleMetricAsString('saga_stuck_total');
        assert.match(stuck, /saga_stuck_total\{type="create-order",service="orders-test"\} 1/);
      },
      { maxAttempts: 3 },
    );
  });
});
