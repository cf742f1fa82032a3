import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PostgresEndpoint } from '#platform';
import { testPostgres } from '#testing';
import {
  crashMidCharge,
  recoverUntil,
  startEngine,
  timeline,
} from './support/saga-engine.harness.js';
import { ScriptedPayments } from './support/scripted-payments.js';

/**
 * Found by the chaos run: a charge captured, then its transition lost (the engine died, or its
 * database connection was reset before the commit). The recovered saga charges again; when that
 * second call is refused without reaching payments (breaker open), the first one still happened.
 */
describe('saga resumed after an unrecorded step (real PostgreSQL)', () => {
  let postgres: PostgresEndpoint;
  before(async () => (postgres = await testPostgres()));
  after(() => postgres.close());

  it('refunds a charge whose first execution was lost when its re-execution is refused', async () => {
    const payments = new ScriptedPayments();
    // Captured, the reply never comes, and the engine dies before recording the charge.
    const orderId = await crashMidCharge(postgres, payments, 4_321);
    assert.equal(payments.ledger.get(orderId), 'CAPTURED');

    Object.assign(payments, { hangCharges: false, refuseCharges: true });
    const engine = await startEngine(postgres, payments);
    try {
      await recoverUntil(
        engine,
        async () => (await engine.orders.findById(orderId))?.status !== 'PENDING',
      );
      assert.equal((await engine.orders.findById(orderId))?.status, 'CANCELLED');
      assert.equal(payments.ledger.get(orderId), 'REFUNDED', 'the lost charge was refunded');
      const { steps } = await timeline(engine, orderId);
      assert.deepEqual(steps, ['charge:execute:unknown', 'charge:compensate:succeeded']);
    } finally {
      await engine.app.close();
    }
  });
});
