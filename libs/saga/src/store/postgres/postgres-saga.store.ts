import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { UnfinishedVersion } from '../../errors/missing-saga-versions.error.js';
import type { SagaRecord, TimelineEntry } from '../saga-record.js';
import type { Held, SagaStore, SagaVersion, TransactionOptions } from '../saga-store.port.js';
import {
  setState,
  stateParams,
  TIMELINE_COLUMNS,
  timelineColumns,
  timelineUnnest,
  toRecord,
  type SagaRow,
} from './saga-columns.js';
import { prepared, runSql, sqlStateOf } from './sql.js';
import { pipelinedTransaction } from './transaction.js';

// Prepared, as every saga runs them (see `prepared`).
const INSERT_SAGA = prepared(
  'saga_insert',
  `INSERT INTO saga_instances (id, type, version, correlation_id, status, step,
    attempts, last_error, ending, owner, next_attempt_at, failing_since, created_at, updated_at,
    finished_at, payload, revision)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
);

// The timeline rows are inserted only when the UPDATE matched: one statement, all or nothing.
// Matching nothing (the lease lost) is an error, SQLSTATE SAGA1 (migration 1764600000000): in a
// transaction COMMIT is sent behind this statement without waiting for it, and must roll back.
const ADVANCE = prepared(
  'saga_advance',
  `WITH advanced AS (
    UPDATE saga_instances SET ${setState(4)}
     WHERE id = $1 AND owner = $2 AND revision = $3
    RETURNING id),
  timeline AS (
    INSERT INTO saga_steps (${TIMELINE_COLUMNS})
    SELECT r.* FROM advanced CROSS JOIN ${timelineUnnest(14)} AS r)
  SELECT saga_expect_held(count(*) = 1, $1) AS advanced FROM advanced`,
);
const NOT_HELD = 'SAGA1';

// A claim bumps the revision, so a run still going on an earlier claim cannot record anything.
const CLAIM_DUE = `UPDATE saga_instances
    SET owner = $1, next_attempt_at = $3, revision = revision + 1
  WHERE id IN (
    SELECT id FROM saga_instances
     WHERE status IN ('RUNNING', 'COMPENSATING') AND next_attempt_at <= $2
       AND (type, version) IN (SELECT * FROM unnest($5::varchar[], $6::int[]))
     ORDER BY next_attempt_at
     LIMIT $4
     FOR UPDATE SKIP LOCKED)
  RETURNING *`;

const RENEW = `UPDATE saga_instances SET next_attempt_at = $4
  WHERE id = $1 AND owner = $2 AND revision = $3`;

const RELEASE = `UPDATE saga_instances SET owner = NULL, next_attempt_at = $2, revision = revision + 1
  WHERE owner = $1 AND status IN ('RUNNING', 'COMPENSATING')
    AND ($3::uuid[] IS NULL OR id = ANY($3))`;

const UNFINISHED_VERSIONS = `SELECT type, version, count(*)::int AS count FROM saga_instances
  WHERE status IN ('RUNNING', 'COMPENSATING', 'STUCK') GROUP BY type, version`;

const OVERWRITE = `UPDATE saga_instances SET ${setState(3)}
  WHERE id = $1 AND revision = $2
  RETURNING *`;

/** The saga store on PostgreSQL (saga_instances, saga_steps), through TypeORM's connection. */
@Injectable()
export class PostgresSagaStore implements SagaStore<EntityManager> {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(
    work: (tx: EntityManager) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    return pipelinedTransaction(this.dataSource, work, options);
  }

  async insert(tx: EntityManager, s: SagaRecord): Promise<void> {
    await runSql(tx, INSERT_SAGA, [
      s.id,
      s.type,
      s.version,
      s.correlationId,
      s.status,
      s.step,
      s.attempts,
      s.lastError,
      s.ending,
      s.owner,
      s.nextAttemptAt,
      s.failingSince,
      s.createdAt,
      s.updatedAt,
      s.finishedAt,
      JSON.stringify(s.payload),
      s.revision,
    ]);
  }

  async advance(
    saga: SagaRecord,
    held: Held,
    rows: readonly TimelineEntry[],
    tx?: EntityManager,
  ): Promise<boolean> {
    const params = [saga.id, held.owner, held.revision, ...stateParams(saga)];
    try {
      // In a transaction the engine's transition is its last statement: COMMIT goes with it.
      await runSql(tx ?? this.dataSource.manager, ADVANCE, [...params, ...timelineColumns(rows)], {
        withCommit: tx !== undefined,
      });
      return true;
    } catch (error) {
      if (sqlStateOf(error) === NOT_HELD) return false;
      throw error;
    }
  }

  async renew(id: string, held: Held, until: Date): Promise<boolean> {
    const { affected } = await runSql(this.dataSource.manager, RENEW, [
      id,
      held.owner,
      held.revision,
      until,
    ]);
    return affected === 1;
  }

  async claimDue(
    owner: string,
    now: Date,
    leaseUntil: Date,
    limit: number,
    known: readonly SagaVersion[],
  ) {
    const { rows } = await runSql<SagaRow>(this.dataSource.manager, CLAIM_DUE, [
      owner,
      now,
      leaseUntil,
      limit,
      known.map((entry) => entry.type),
      known.map((entry) => entry.version),
    ]);
    return rows.map(toRecord);
  }

  async release(owner: string, at: Date, ids?: readonly string[]): Promise<number> {
    return (await runSql(this.dataSource.manager, RELEASE, [owner, at, ids ?? null])).affected;
  }

  async unfinishedVersions(): Promise<UnfinishedVersion[]> {
    return (await runSql<UnfinishedVersion>(this.dataSource.manager, UNFINISHED_VERSIONS)).rows;
  }

  async lock(tx: EntityManager, id: string): Promise<SagaRecord | null> {
    const { rows } = await runSql<SagaRow>(
      tx,
      'SELECT * FROM saga_instances WHERE id = $1 FOR UPDATE',
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async overwrite(tx: EntityManager, saga: SagaRecord): Promise<SagaRecord> {
    const { rows } = await runSql<SagaRow>(tx, OVERWRITE, [
      saga.id,
      saga.revision,
      ...stateParams(saga),
    ]);
    if (!rows[0]) throw new Error(`saga ${saga.id} changed under its row lock`);
    return toRecord(rows[0]);
  }

  async append(tx: EntityManager, row: TimelineEntry): Promise<void> {
    await runSql(
      tx,
      `INSERT INTO saga_steps (${TIMELINE_COLUMNS}) SELECT * FROM ${timelineUnnest(1)}`,
      timelineColumns([row]),
    );
  }
}
