import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import type { PostgresEndpoint } from '#platform';
import { testPostgres } from '#testing';
import { SagaOperator, UNFINISHED_STATUSES, type StatusCount } from '../src/index.js';
import { COUNTS } from '../src/store/postgres/postgres-saga.queries.js';
import { bookingEngine, type BookingEngine } from './support/booking.saga.js';
import { ERRAND, ErrandV1, errandDownstream, type ErrandPlan } from './support/errand.saga.js';

const SEEDED = 200_000;
const BOUND_MS = 50;

// Terminal sagas in one statement (the statement trigger tallies them once), ids in order so the
// indexes grow at their end; and a thousand unfinished ones due in a day (recovery leaves them).
const SEED_TERMINAL = `INSERT INTO saga_instances (id, type, correlation_id, status, step, ending,
    next_attempt_at, created_at, updated_at, finished_at)
  SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'errand',
    ('00000000-0000-4000-9000-' || lpad(to_hex(i), 12, '0'))::uuid,
    (ARRAY['COMPLETED', 'COMPLETED', 'REJECTED', 'COMPENSATED'])[1 + i % 4], 'confirm', 'completed',
    now(), now() - i * interval '1 second', now(), now()
  FROM generate_series(1, $1::int) AS i`;
const SEED_UNFINISHED = `INSERT INTO saga_instances (id, type, correlation_id, status, step,
    next_attempt_at, created_at)
  SELECT gen_random_uuid(), 'errand', gen_random_uuid(),
    (ARRAY['RUNNING', 'COMPENSATING', 'STUCK'])[1 + i % 3], 'reserve',
    now() + interval '1 day', now() - i * interval '1 minute'
  FROM generate_series(1, 1000) AS i`;
// What the counts were before the tally: every saga read. The truth the tally must equal.
const TRUTH = `SELECT status, count(*)::int AS total,
    (count(*) FILTER (WHERE status = ANY($2) AND created_at < $1))::int AS overdue
  FROM saga_instances GROUP BY status`;

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
const scans = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(scans)];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const sorted = (rows: StatusCount[]) => [...rows].sort((a, b) => a.status.localeCompare(b.status));

describe('saga counts per status at 200,000 sagas (real PostgreSQL)', () => {
  let postgres: PostgresEndpoint;
  let engine: BookingEngine;
  let sql: DataSource;
  before(async () => {
    postgres = await testPostgres();
    engine = await bookingEngine(postgres, [ErrandV1]);
    sql = engine.app.get(DataSource);
  });
  after(async () => {
    await engine?.app.close();
    await postgres?.close();
  });

  const cutoffs = () => [new Date(Date.now() - 30 * 60_000), new Date(Date.now() + 60_000)];
  const truth = async (overdueBefore: Date) =>
    (await sql.query(TRUTH, [overdueBefore, UNFINISHED_STATUSES])) as StatusCount[];
  const assertExact = async (when: string) => {
    for (const cutoff of cutoffs()) {
      const [counted, real] = [await engine.reader.counts(cutoff), await truth(cutoff)];
      assert.deepEqual(
        sorted(counted),
        sorted(real),
        `${when} (overdue before ${cutoff.toISOString()})`,
      );
    }
  };

  it(`answers in under ${BOUND_MS} ms (median of 9) without reading every saga`, async (t) => {
    await sql.query(SEED_TERMINAL, [SEEDED]);
    await sql.query(SEED_UNFINISHED);
    await sql.query('ANALYZE saga_instances');
    const [explained] = (await sql.query(`EXPLAIN (FORMAT JSON) ${COUNTS}`, [
      new Date(),
      UNFINISHED_STATUSES,
    ])) as { 'QUERY PLAN': [{ Plan: PlanNode }] }[];
    const sagaScans = scans(explained!['QUERY PLAN'][0].Plan).filter(
      (node) => node['Relation Name'] === 'saga_instances',
    );
    assert.ok(sagaScans.length > 0, 'the plan reads saga_instances');
    for (const node of sagaScans) assert.notEqual(node['Node Type'], 'Seq Scan');

    const time = async (work: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 9; i += 1) {
        const started = performance.now();
        await work();
        runs.push(performance.now() - started);
      }
      return median(runs);
    };
    const counted = await time(() => engine.reader.counts(new Date()));
    const scanned = await time(() => truth(new Date()));
    t.diagnostic(
      `counts: ${counted.toFixed(2)} ms; the same by reading every saga: ${scanned.toFixed(2)} ms`,
    );
    assert.ok(counted < BOUND_MS, `counts took ${counted.toFixed(1)} ms (median)`);
    await assertExact('after seeding');
  });

  it('stays exact through the engine’s transitions, operator actions and a purge', async () => {
    const begin = (plan: ErrandPlan) =>
      sql.transaction((tx) => engine.orchestrator.begin(tx, ERRAND, randomUUID(), { plan }));
    const status = async (id: string) => (await engine.reader.get(id))?.status;
    const recoverUntil = async (id: string, wanted: string) => {
      for (let i = 0; i < 200 && (await status(id)) !== wanted; i += 1) {
        await engine.recovery.runOnce();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(await status(id), wanted);
    };

    const sagas = {
      complete: await begin('complete'),
      reject: await begin('reject'),
      fail: await begin('fail'),
      stuck: await begin('stuck'),
      resolved: await begin('stuck'),
    };
    await begin('complete'); // begun, never run: stays RUNNING
    await assertExact('five begun');
    for (const saga of Object.values(sagas)) await engine.orchestrator.run(saga);
    await assertExact('after one run each');
    await recoverUntil(sagas.stuck.id, 'STUCK');
    await recoverUntil(sagas.resolved.id, 'STUCK');
    await assertExact('two STUCK');

    const operator = engine.app.get(SagaOperator);
    await operator.retry(sagas.stuck.id, 'ops', 'downstream is back');
    await assertExact('after retry now');
    errandDownstream.failing = false;
    await recoverUntil(sagas.stuck.id, 'COMPENSATED');
    await operator.resolve(sagas.resolved.id, 'ops', 'refunded by hand');
    await assertExact('after recovery and resolve');
    assert.deepEqual(await Promise.all(Object.values(sagas).map(({ id }) => status(id))), [
      'COMPLETED',
      'REJECTED',
      'COMPENSATED',
      'COMPENSATED',
      'COMPENSATED',
    ]);

    // Archival: a purge of old finished sagas in one statement.
    const purged = `SELECT id FROM saga_instances WHERE finished_at IS NOT NULL
      AND created_at < now() - interval '20 hours'`;
    await sql.query(`DELETE FROM saga_steps WHERE saga_id IN (${purged})`);
    await sql.query(`DELETE FROM saga_instances WHERE id IN (${purged})`);
    await assertExact('after a purge');
    await sql.query('TRUNCATE saga_steps, saga_instances');
    assert.deepEqual(await engine.reader.counts(new Date()), []);
  });
});
