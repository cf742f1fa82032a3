import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { typeOrmOptions, type PostgresEndpoint } from '#platform';
import { testPostgres } from '#testing';
import { OrderEntity } from '../src/orders/persistence/order.entity.js';
import { EntityStatements, insertTogether } from '../src/persistence/entity-statements.js';
import { migrations } from '../src/persistence/migrations/index.js';
import { SagaInstanceEntity } from '../src/saga/persistence/saga-instance.entity.js';
import { SagaStepEntity } from '../src/saga/persistence/saga-step.entity.js';

const order = (): OrderEntity =>
  Object.assign(new OrderEntity(), {
    id: randomUUID(),
    customerId: 'c-1',
    idempotencyKey: randomUUID(),
    requestFingerprint: 'f'.repeat(64),
    currencyCode: 'EUR',
    amountMinor: 4_200_000_000_123,
    description: 'naïve ☕',
    status: 'PENDING',
    statusReason: '',
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
    updatedAt: new Date('2026-01-02T03:04:05.678Z'),
  });

describe('EntityStatements: plain SQL from the TypeORM mapping, read back as TypeORM reads', () => {
  let postgres: PostgresEndpoint;
  let dataSource: DataSource;

  before(async () => {
    postgres = await testPostgres();
    const options = typeOrmOptions(
      postgres,
      [OrderEntity, SagaInstanceEntity, SagaStepEntity],
      migrations,
    );
    dataSource = await new DataSource(
      options as ConstructorParameters<typeof DataSource>[0],
    ).initialize();
  });
  after(async () => {
    await dataSource?.destroy();
    await postgres?.close();
  });

  it('inserts an order that TypeORM reads back equal, bigint amount and all', async () => {
    const statements = new EntityStatements(dataSource, OrderEntity);
    const written = order();
    await statements.insert(dataSource.manager, [written]);
    const viaTypeorm = await dataSource.manager.findOneByOrFail(OrderEntity, { id: written.id });
    assert.deepEqual(viaTypeorm, written);
    const [viaStatements] = await statements.select(dataSource.manager, 'id = $1', [written.id]);
    assert.deepEqual(viaStatements, viaTypeorm);
    assert.ok(viaStatements instanceof OrderEntity);
  });

  it('writes a saga’s JSON payload and nulls, and many timeline rows in one statement', async () => {
    const sagas = new EntityStatements(dataSource, SagaInstanceEntity);
    const steps = new EntityStatements(dataSource, SagaStepEntity);
    const now = new Date();
    const itsOrder = order();
    await new EntityStatements(dataSource, OrderEntity).insert(dataSource.manager, [itsOrder]);
    const saga = Object.assign(new SagaInstanceEntity(), {
      id: randomUUID(),
      type: 'create-order',
      orderId: itsOrder.id,
      status: 'RUNNING',
      step: 'charge',
      attempts: 0,
      lastError: '',
      ending: null,
      owner: null,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      payload: { amount: { currencyCode: 'EUR', amountMinor: 5 }, tags: ['a', 'b'] },
      version: 1,
    } satisfies SagaInstanceEntity);
    await dataSource.transaction(async (manager) => {
      await sagas.insert(manager, [saga]);
      const row = (step: string) =>
        Object.assign(new SagaStepEntity(), {
          sagaId: saga.id,
          step,
          action: 'execute',
          outcome: 'succeeded',
          attempt: 1,
          error: '',
          startedAt: now,
          finishedAt: now,
          traceId: '0'.repeat(32),
        });
      await steps.insert(manager, [row('charge'), row('confirm')]);
    });
    assert.deepEqual(await dataSource.manager.findOneBy(SagaInstanceEntity, { id: saga.id }), saga);
    const timeline = await dataSource.manager.find(SagaStepEntity, {
      where: { sagaId: saga.id },
      order: { seq: 'ASC' },
    });
    assert.deepEqual(
      timeline.map((step) => [step.step, step.actor, step.note, typeof step.seq]),
      [
        ['charge', null, null, 'string'],
        ['confirm', null, null, 'string'],
      ],
    );
  });

  it('counts the rows an update changed, none when its condition misses', async () => {
    const statements = new EntityStatements(dataSource, OrderEntity);
    const written = order();
    await statements.insert(dataSource.manager, [written]);
    const approve = (from: string[]) =>
      statements.update(
        dataSource.manager,
        "status = 'APPROVED' WHERE id = $1 AND status = ANY($2)",
        [written.id, from],
      );
    assert.equal(await approve(['CANCELLED']), 0);
    assert.equal(await approve(['PENDING']), 1);
    const [after] = await statements.select(dataSource.manager, 'id = $1', [written.id]);
    assert.equal(after!.status, 'APPROVED');
  });

  it('runs an insert and an update in one statement, counting only the update’s rows', async () => {
    const orders = new EntityStatements(dataSource, OrderEntity);
    const [missed, approved] = [order(), order()];
    const approve = (inserted: OrderEntity, target: string) =>
      orders.update(
        dataSource.manager,
        "status = 'APPROVED' WHERE id = $1",
        [target],
        orders.insertCommand([inserted]),
      );
    // The update cannot see the row its own statement inserts (one snapshot): nothing to change.
    assert.equal(await approve(missed, missed.id), 0);
    const [stored] = await orders.select(dataSource.manager, 'id = $1', [missed.id]);
    assert.equal(stored!.status, 'PENDING');
    assert.equal(await approve(approved, missed.id), 1);
    const rows = await orders.select(dataSource.manager, 'id = ANY($1) ORDER BY status', [
      [missed.id, approved.id],
    ]);
    assert.deepEqual(
      rows.map((row) => [row.id, row.status]),
      [
        [missed.id, 'APPROVED'],
        [approved.id, 'PENDING'],
      ],
    );
  });

  it('leaves a transaction’s writes to that transaction', async () => {
    const statements = new EntityStatements(dataSource, OrderEntity);
    const written = order();
    await assert.rejects(
      dataSource.transaction(async (manager) => {
        await statements.insert(manager, [written]);
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.deepEqual(await statements.select(dataSource.manager, 'id = $1', [written.id]), []);
  });

  it('inserts an order and a saga that refers to it in one statement, or neither', async () => {
    const orders = new EntityStatements(dataSource, OrderEntity);
    const sagas = new EntityStatements(dataSource, SagaInstanceEntity);
    const sagaOf = (orderId: string, id = randomUUID()) =>
      Object.assign(new SagaInstanceEntity(), {
        id,
        type: 'create-order',
        orderId,
        status: 'RUNNING',
        step: 'charge',
        attempts: 0,
        lastError: '',
        ending: null,
        owner: 'engine-1',
        nextAttemptAt: new Date(),
        createdAt: new Date(),
        updatedAt: new Date(),
        finishedAt: null,
        payload: {},
        version: 1,
      } satisfies SagaInstanceEntity);
    const first = order();
    const saga = sagaOf(first.id);
    await insertTogether(dataSource.manager, [
      orders.insertCommand([first]),
      sagas.insertCommand([saga]),
    ]);
    assert.equal((await sagas.select(dataSource.manager, 'order_id = $1', [first.id])).length, 1);

    // The saga's id is taken: the statement fails and the new order is not written either.
    const second = order();
    await assert.rejects(
      insertTogether(dataSource.manager, [
        orders.insertCommand([second]),
        sagas.insertCommand([sagaOf(second.id, saga.id)]),
      ]),
      /duplicate key/,
    );
    assert.deepEqual(await orders.select(dataSource.manager, 'id = $1', [second.id]), []);
  });
});
