import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import type { PostgresEndpoint } from '#platform';
import { migratedDataSource, testPostgres } from '#testing';
import type { Order } from '../src/orders/domain/order.js';
import { ORDER_COLUMNS } from '../src/orders/persistence/order.columns.js';
import { OrderRepository } from '../src/orders/persistence/order.repository.js';
import { migrations } from '../src/persistence/migrations/index.js';

const order = (over: Partial<Order> = {}): Order => ({
  id: randomUUID(),
  customerId: 'c-1',
  idempotencyKey: randomUUID(),
  requestFingerprint: 'f'.repeat(64),
  amount: { currencyCode: 'EUR', amountMinor: 4_200_000_000_123 },
  description: 'naïve ☕',
  status: 'PENDING',
  statusReason: '',
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
  updatedAt: new Date('2026-01-02T03:04:05.678Z'),
  ...over,
});

describe('OrderRepository: fixed SQL against the migrated orders table (real PostgreSQL)', () => {
  let postgres: PostgresEndpoint;
  let dataSource: DataSource;
  let orders: OrderRepository;

  before(async () => {
    postgres = await testPostgres();
    dataSource = await migratedDataSource(postgres, migrations);
    orders = new OrderRepository(dataSource);
  });
  after(async () => {
    await dataSource?.destroy();
    await postgres?.close();
  });

  it('names exactly the columns the migrations give the orders table', async () => {
    const rows = (await dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'orders'`,
    )) as { column_name: string }[];
    assert.deepEqual(rows.map((row) => row.column_name).sort(), [...ORDER_COLUMNS].sort());
  });

  it('reads an order back exactly as written, bigint amount and all', async () => {
    const written = order();
    await orders.transaction((tx) => orders.insert(tx, written));
    assert.deepEqual(await orders.findById(written.id), written);
    assert.deepEqual(await orders.findByIdempotencyKey('c-1', written.idempotencyKey), written);
    assert.deepEqual(await orders.findByIds([written.id, randomUUID()]), [written]);
  });

  it('moves an order only from the statuses given, and fails naming them otherwise', async () => {
    const written = order();
    await orders.transaction((tx) => orders.insert(tx, written));
    const at = new Date('2026-01-03T00:00:00Z');
    const move = (from: Order['status'][]) =>
      orders.transaction((tx) => orders.transition(tx, written.id, from, 'APPROVED', '', at));
    await assert.rejects(move(['CANCELLED', 'REJECTED']), (error: Error) => {
      assert.equal(error.message, `order ${written.id} is no longer CANCELLED or REJECTED`);
      return true;
    });
    assert.equal((await orders.findById(written.id))?.status, 'PENDING');
    await move(['PENDING']);
    const moved = await orders.findById(written.id);
    assert.deepEqual([moved?.status, moved?.updatedAt], ['APPROVED', at]);
  });

  it('leaves nothing of a transaction that fails', async () => {
    const written = order();
    await assert.rejects(
      orders.transaction(async (tx) => {
        await orders.insert(tx, written);
        await orders.insert(tx, { ...written, id: randomUUID() }); // same idempotency key
      }),
      /duplicate key/,
    );
    assert.equal(await orders.findById(written.id), null);
  });

  it('lists newest first, page after page, one customer or everyone', async () => {
    const customer = `c-${randomUUID()}`;
    const base = Date.parse('2030-01-01T00:00:00Z');
    const mine = [0, 1, 2].map((i) =>
      order({ customerId: customer, createdAt: new Date(base + i) }),
    );
    for (const each of [...mine, order({ createdAt: new Date(base + 5) })]) {
      await orders.transaction((tx) => orders.insert(tx, each));
    }
    const first = await orders.list(customer, 2);
    assert.deepEqual(
      first.map((o) => o.id),
      [mine[2]!.id, mine[1]!.id],
    );
    const last = first.at(-1)!;
    const next = await orders.list(customer, 2, { createdAt: last.createdAt, id: last.id });
    assert.deepEqual(
      next.map((o) => o.id),
      [mine[0]!.id],
    );
    assert.equal((await orders.list(undefined, 1))[0]?.customerId, 'c-1');
  });
});
