import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mongoose from 'mongoose';
import { DataSource, type QueryRunner } from 'typeorm';
import { testMongo, testPostgres } from '#testing';
import type { MongoEndpoint, PostgresEndpoint } from '../src/index.js';
import { DbPoolMetrics, type PoolStats } from '../src/metrics/db-pool.metrics.js';
import { MetricsRegistry } from '../src/metrics/metrics.registry.js';
import { mongoosePoolStats, typeOrmPoolStats } from '../src/metrics/pool-stats.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('pool gauges of a real TypeORM pg pool', () => {
  let postgres: PostgresEndpoint;
  let dataSource: DataSource;
  before(async () => {
    postgres = await testPostgres();
    dataSource = await new DataSource({
      type: 'postgres',
      url: postgres.url,
      extra: { max: 2 },
    }).initialize();
  });
  after(async () => {
    await dataSource?.destroy();
    await postgres?.close();
  });

  it('shows connections in use, idle and waiting, and the size, as Prometheus gauges', async () => {
    const registry = new MetricsRegistry('pool-test');
    new DbPoolMetrics(registry).track('postgres', () => typeOrmPoolStats(dataSource));
    const held: QueryRunner[] = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
    for (const runner of held) await runner.connect();
    const waiting = dataSource.createQueryRunner();
    const third = waiting.connect();
    await tick();
    const busy = await registry.metrics();
    assert.match(
      busy,
      /db_pool_connections\{store="postgres",state="used",service="pool-test"\} 2/,
    );
    assert.match(
      busy,
      /db_pool_connections\{store="postgres",state="idle",service="pool-test"\} 0/,
    );
    assert.match(busy, /db_pool_pending_requests\{store="postgres",service="pool-test"\} 1/);
    assert.match(busy, /db_pool_max_connections\{store="postgres",service="pool-test"\} 2/);
    await held[0]!.release();
    await third;
    await Promise.all([held[1]!.release(), waiting.release()]);
    assert.deepEqual(typeOrmPoolStats(dataSource), { used: 0, idle: 2, pending: 0, max: 2 });
  });

  it('reports nothing for a data source without a pg pool', () => {
    assert.equal(typeOrmPoolStats({ driver: {} }), undefined);
  });
});

describe('pool gauges of a real MongoDB driver pool (through mongoose)', () => {
  let mongo: MongoEndpoint;
  let connection: mongoose.Connection;
  before(async () => {
    mongo = await testMongo();
    connection = await mongoose.createConnection(mongo.url, { maxPoolSize: 2 }).asPromise();
  });
  after(async () => {
    await connection?.close();
    await mongo?.close();
  });

  it('reads the pool size, and sees connections in use or queued under concurrent load', async () => {
    const idle = mongoosePoolStats(connection);
    assert.equal(idle?.max, 2);
    assert.equal(idle?.used, 0);
    const seen: PoolStats[] = [];
    let running = true;
    const sample = () => {
      seen.push(mongoosePoolStats(connection)!);
      if (running) setImmediate(sample);
    };
    sample();
    const collection = connection.collection('pool_probe');
    await Promise.all(Array.from({ length: 12 }, (_, i) => collection.insertOne({ i })));
    running = false;
    assert.ok(
      seen.some((stats) => stats.used === 2),
      'both connections in use at some point',
    );
    assert.ok(
      seen.some((stats) => stats.pending > 0),
      'requests waited for a connection',
    );
    const after = mongoosePoolStats(connection)!;
    assert.equal(after.used, 0);
    assert.equal(after.pending, 0);
    assert.ok(after.idle >= 1 && after.idle <= 2);
  });
});
