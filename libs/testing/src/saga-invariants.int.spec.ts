import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import mongoose from 'mongoose';
import pg from 'pg';
import type { MongoEndpoint, PostgresEndpoint } from '#platform';
import { checkSagaInvariants } from './saga-invariants.js';
import { testMongo } from './test-mongo.js';
import { testPostgres } from './test-postgres.js';

/**
 * The checker against real stores holding hand-made states. The tables carry only the columns it
 * reads, and no unique key on the idempotency key, so a broken deduplication can be written.
 */
describe('saga invariant checker', () => {
  let ordersDb: PostgresEndpoint;
  let paymentsDb: MongoEndpoint;
  let sql: pg.Client;
  let mongo: mongoose.Connection;

  const order = async (status: string, key: string = randomUUID(), amount = 500) => {
    const id = randomUUID();
    await sql.query('INSERT INTO orders VALUES ($1, $2, $3, $4, $5)', [
      id,
      status,
      amount,
      'alice',
      key,
    ]);
    return id;
  };
  const saga = (orderId: string, type: string, status: string) =>
    sql.query('INSERT INTO saga_instances VALUES ($1, $2, $3)', [orderId, type, status]);
  const payment = (orderId: string, status: string, amountMinor = 500) =>
    mongo.db!.collection('payments').insertOne({
      _id: orderId as never,
      status,
      amount: { currencyCode: 'EUR', amountMinor },
    });
  const check = (acknowledged?: Map<string, Set<string>>) =>
    checkSagaInvariants(ordersDb.url, paymentsDb.url, acknowledged);
  const named = async (acknowledged?: Map<string, Set<string>>) =>
    (await check(acknowledged)).map((v) => `${v.invariant} ${v.orderId}`).sort();

  before(async () => {
    [ordersDb, paymentsDb] = await Promise.all([testPostgres(), testMongo()]);
    sql = new pg.Client({ connectionString: ordersDb.url });
    await sql.connect();
    await sql.query(`CREATE TABLE orders (id uuid, status text, amount_minor bigint,
      customer_id text, idempotency_key text)`);
    await sql.query('CREATE TABLE saga_instances (correlation_id uuid, type text, status text)');
    mongo = await mongoose.createConnection(paymentsDb.url).asPromise();
  });
  beforeEach(async () => {
    await sql.query('TRUNCATE orders, saga_instances');
    await mongo.db!.collection('payments').deleteMany({});
  });
  after(async () => {
    await sql?.end();
    await mongo?.close();
    await Promise.all([ordersDb?.close(), paymentsDb?.close()]);
  });

  it('finds nothing wrong with approved, rejected, compensated and voided orders', async () => {
    const approved = await order('APPROVED');
    await payment(approved, 'CAPTURED');
    await payment(await order('REJECTED'), 'DECLINED');
    await payment(await order('CANCELLED'), 'REFUNDED');
    await payment(await order('CANCELLED'), 'VOIDED');
    await saga(approved, 'create-order', 'COMPLETED');
    assert.deepEqual(await check(), []);
  });

  it('names the order whose compensation left a charge, or whose approval has none', async () => {
    const cancelled = await order('CANCELLED');
    await payment(cancelled, 'CAPTURED');
    const approved = await order('APPROVED', randomUUID(), 700);
    await payment(approved, 'CAPTURED', 500);
    const orphan = randomUUID();
    await payment(orphan, 'CAPTURED');
    assert.deepEqual(
      await named(),
      [
        `approved-is-charged ${approved}`,
        `no-net-charge ${cancelled}`,
        `no-orphan-charge ${orphan}`,
      ].sort(),
    );
  });

  it('counts a PENDING order and a STUCK saga as unfinished', async () => {
    const pending = await order('PENDING');
    const stuck = await order('APPROVED');
    await payment(stuck, 'CAPTURED');
    await saga(stuck, 'cancel-order', 'STUCK');
    assert.deepEqual(await named(), [`saga-terminal ${stuck}`, `terminal ${pending}`].sort());
  });

  it('finds a key with two orders, a key answered with two ids, and an answered order never stored', async () => {
    const first = await order('REJECTED', 'key-1');
    await order('REJECTED', 'key-1');
    const kept = await order('REJECTED', 'key-2');
    const other = await order('REJECTED', 'key-3');
    const lost = randomUUID();
    const acknowledged = new Map([
      ['key-2', new Set([kept, other])],
      ['key-4', new Set([lost])],
    ]);
    const found = await named(acknowledged);
    assert.ok(found.includes(`idempotent ${first}`), found.join('\n'));
    assert.ok(found.includes(`idempotent ${kept}`), found.join('\n'));
    assert.ok(found.includes(`idempotent ${other}`), found.join('\n'));
    assert.ok(found.includes(`acknowledged-order-stored ${lost}`), found.join('\n'));
  });
});
