import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { FAULT_MARKERS } from '#contracts';
import type { PostgresEndpoint } from '#platform';
import { testPostgres } from '#testing';
import {
  crashMidCharge,
  CUSTOMER,
  recoverUntil,
  startEngine,
  timeline,
  type Engine,
} from './support/saga-engine.harness.js';
import { ScriptedPayments } from './support/scripted-payments.js';

/** create-order v2 (charge → fraud-check → confirm) beside v1, on a real PostgreSQL. */
describe('create-order saga versions (real PostgreSQL)', () => {
  let postgres: PostgresEndpoint;
  before(async () => (postgres = await testPostgres()));
  after(() => postgres?.close());

  const place = (engine: Engine, customer: string, description = '') =>
    engine.createOrder.execute({
      caller: { ...CUSTOMER, subject: customer },
      idempotencyKey: randomUUID(),
      amount: { currencyCode: 'EUR', amountMinor: 1_500 },
      description,
    });

  it('v2 holds an order past the hourly limit: refunded, REJECTED, the reason kept', async () => {
    const payments = new ScriptedPayments();
    const engine = await startEngine(postgres, payments, { fraudMaxOrdersPerHour: 2 });
    try {
      const customer = `c-${randomUUID()}`;
      const [first, second, third] = [
        await place(engine, customer),
        await place(engine, customer),
        await place(engine, customer),
      ];
      assert.deepEqual(
        [first.status, second.status, third.status],
        ['APPROVED', 'APPROVED', 'REJECTED'],
      );
      assert.match(third.statusReason, /held by the fraud check: 2 orders in the last hour/);
      assert.equal(payments.ledger.get(third.id), 'REFUNDED');
      const { saga, steps } = await timeline(engine, third.id);
      assert.equal(saga.version, 2);
      assert.deepEqual(steps, [
        'charge:execute:succeeded',
        'fraud-check:execute:failed',
        'charge:compensate:succeeded',
      ]);
    } finally {
      await engine.app.close();
    }
  });

  it('v2 with the velocity rule off (limit 0) passes every order through its fraud-check step', async () => {
    const engine = await startEngine(postgres, new ScriptedPayments(), {
      fraudMaxOrdersPerHour: 0,
    });
    try {
      const customer = `c-${randomUUID()}`;
      const placed = [await place(engine, customer), await place(engine, customer)];
      assert.deepEqual(
        placed.map((order) => order.status),
        ['APPROVED', 'APPROVED'],
      );
      assert.deepEqual((await timeline(engine, placed[1]!.id)).steps, [
        'charge:execute:succeeded',
        'fraud-check:execute:succeeded',
        'confirm:execute:succeeded',
      ]);
    } finally {
      await engine.app.close();
    }
  });

  it('v2 voids the screening of an order it compensates: it no longer counts', async () => {
    const engine = await startEngine(postgres, new ScriptedPayments(), {
      fraudMaxOrdersPerHour: 1,
    });
    try {
      const customer = `c-${randomUUID()}`;
      const failed = await place(engine, customer, FAULT_MARKERS.failConfirm);
      assert.equal(failed.status, 'CANCELLED');
      assert.equal(
        (await place(engine, customer)).status,
        'APPROVED',
        'the voided one did not count',
      );
      assert.equal((await place(engine, customer)).status, 'REJECTED');
    } finally {
      await engine.app.close();
    }
  });

  it('finishes a v1 saga on v1 after the engine is upgraded to start v2', async () => {
    const payments = new ScriptedPayments();
    const orderId = await crashMidCharge(postgres, payments, 2_000, { createOrderVersion: 1 });
    payments.hangCharges = false;
    const upgraded = await startEngine(postgres, payments); // newest: v2
    try {
      await recoverUntil(
        upgraded,
        async () => (await upgraded.orders.findById(orderId))?.status !== 'PENDING',
      );
      assert.equal((await upgraded.orders.findById(orderId))?.status, 'APPROVED');
      const { saga, steps } = await timeline(upgraded, orderId);
      assert.equal(saga.version, 1);
      assert.deepEqual(
        steps,
        ['charge:execute:succeeded', 'confirm:execute:succeeded'],
        'no fraud-check',
      );
      const fresh = await place(upgraded, `c-${randomUUID()}`);
      assert.equal((await timeline(upgraded, fresh.id)).saga.version, 2);
    } finally {
      await upgraded.app.close();
    }
  });
});
