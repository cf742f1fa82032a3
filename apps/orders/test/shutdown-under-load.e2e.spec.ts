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

const LEASE_MS = 20_000;

/**
 * SIGTERM while sagas run: orders exits cleanly, and every saga it held is either finished or
 * handed back — a restarted orders finishes them at once, not after their 20 s lease.
 */
describe('orders shut down under load (apps as processes)', () => {
  let system: TestSystem;
  let db: pg.Client;
  let token: string;

  before(async () => {
    system = await startTestSystem({
      SAGA_FAULTS_ENABLED: 'true',
      SAGA_LEASE_MS: String(LEASE_MS),
      SAGA_RECOVERY_INTERVAL_MS: '200',
      // Shorter than a slow confirm (3 s): some sagas finish in the drain, the rest go back.
      SAGA_SHUTDOWN_DRAIN_MS: '1000',
    });
    db = new pg.Client({ connectionString: system.ordersDb.url });
    await db.connect();
    token = await login(
      system.auth.httpPort,
      `term-${randomUUID().slice(0, 8)}`,
      'correct horse battery',
    );
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  it('exits 0 after finishing or handing back every saga it held', async () => {
    const orders: PromiseClient<ordersV1.OrderServiceClient> = grpcClient(
      PROTO_FILES.orders,
      'orders.v1.OrderService',
      `127.0.0.1:${system.orders.grpcPort}`,
    );
    const placing = Array.from({ length: 12 }, (_, i) =>
      orders
        .createOrder(
          {
            idempotencyKey: randomUUID(),
            amount: { currencyCode: 'EUR', amountMinor: 2_000 + i },
            description: i % 2 ? `term ${FAULT_MARKERS.slowConfirm}` : 'term',
          },
          token,
        )
        .catch(() => undefined),
    );
    await sleep(1_200); // charged; the slow ones are in their confirm
    const exitCode = await system.orders.stop('SIGTERM');
    await Promise.all(placing);
    orders.close();
    const lastLines = () => system.orders.output.slice(-25).join('\n');
    assert.equal(exitCode, 0, `a clean exit; orders' last lines:\n${lastLines()}`);
    const { rows: held } = await db.query(
      `SELECT id FROM saga_instances
        WHERE status IN ('RUNNING', 'COMPENSATING') AND owner IS NOT NULL`,
    );
    assert.deepEqual(held, [], 'no saga left leased to the engine that exited');

    await system.restartOrders();
    const restarted = Date.now();
    let unfinished = Infinity;
    while (unfinished > 0 && Date.now() - restarted < LEASE_MS / 2) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM saga_instances WHERE status IN ('RUNNING', 'COMPENSATING')`,
      );
      unfinished = rows[0]!.n;
      if (unfinished > 0) await sleep(200);
    }
    assert.equal(unfinished, 0, 'finished well within a lease after the restart');
    assert.deepEqual(await checkSagaInvariants(system.ordersDb.url, system.paymentsDb.url), []);
  });
});
