import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { FAULT_MARKERS, ordersV1, PROTO_FILES } from '#contracts';
import {
  checkSagaInvariants,
  grpcClient,
  login,
  startTestSystem,
  type PromiseClient,
  type TestSystem,
} from '#testing';

const OUTAGE_MS = 60_000;
const ORDERS = 20;

/**
 * Orders charged, then their confirm fails while payments is down for a minute: every refund
 * meets a dead payments, then an open circuit breaker. With orders' shipped compensation
 * settings, no saga may give up (STUCK) during the outage, and every one must be compensated
 * within a minute of payments' return.
 */
describe('compensation waits out a one-minute payments outage (apps as processes)', () => {
  let system: TestSystem;
  let orders: PromiseClient<ordersV1.OrderServiceClient>;
  let db: pg.Client;
  let token: string;

  const sagaStatuses = async () => {
    const { rows } = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM saga_instances WHERE type = 'create-order'
        GROUP BY status`,
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.n])) as Record<string, number>;
  };

  before(async () => {
    // Faults on for [slow-confirm]/[fail-confirm]; everything else as orders ships it.
    system = await startTestSystem({ SAGA_FAULTS_ENABLED: 'true' });
    orders = grpcClient(
      PROTO_FILES.orders,
      'orders.v1.OrderService',
      `127.0.0.1:${system.orders.grpcPort}`,
    );
    db = new pg.Client({ connectionString: system.ordersDb.url });
    await db.connect();
    token = await login(
      system.auth.httpPort,
      `outage-${randomUUID().slice(0, 8)}`,
      'correct horse battery',
    );
  });
  after(async () => {
    orders?.close();
    await db?.end();
    await system?.stop();
  });

  it('gives up on none during the outage and compensates every one within a minute of the return', async () => {
    // Charged at once; confirm waits 3 s and then fails, by which time payments is gone.
    const description = `outage ${FAULT_MARKERS.slowConfirm} ${FAULT_MARKERS.failConfirm}`;
    const placing = Array.from({ length: ORDERS }, (_, i) =>
      orders.createOrder(
        {
          idempotencyKey: randomUUID(),
          amount: { currencyCode: 'EUR', amountMinor: 1_000 + i },
          description,
        },
        token,
      ),
    );
    await sleep(1_500);
    await system.payments.stop('SIGKILL');
    await Promise.all(placing.map((order) => order.catch(() => undefined)));

    const outageEnds = Date.now() + OUTAGE_MS;
    let compensating = 0;
    while (Date.now() < outageEnds) {
      const statuses = await sagaStatuses();
      assert.equal(
        statuses.STUCK ?? 0,
        0,
        `a saga gave up during the outage: ${JSON.stringify(statuses)}`,
      );
      compensating = Math.max(compensating, statuses.COMPENSATING ?? 0);
      await sleep(1_000);
    }
    assert.equal(compensating, ORDERS, 'every order was charged and waited to be refunded');

    await system.restartPayments();
    const back = Date.now();
    let statuses = await sagaStatuses();
    while ((statuses.COMPENSATED ?? 0) < ORDERS && Date.now() - back < 60_000) {
      assert.equal(statuses.STUCK ?? 0, 0);
      await sleep(500);
      statuses = await sagaStatuses();
    }
    assert.deepEqual(statuses, { COMPENSATED: ORDERS }, `within a minute of the return`);
    assert.deepEqual(await checkSagaInvariants(system.ordersDb.url, system.paymentsDb.url), []);
  });
});
