import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { UNFINISHED_STATUSES } from '../../engine/saga-state.js';
import type { SagaCursor, SagaFilter, StatusCount } from '../../views/saga-filter.js';
import type { SagaRecord, StoredTimelineEntry } from '../saga-record.js';
import { toRecord, toTimelineEntry, type SagaRow, type TimelineRow } from './saga-columns.js';
import { runSql } from './sql.js';

// Every filter is optional: a NULL parameter leaves its condition out (planned per call).
const LIST = `SELECT * FROM saga_instances
  WHERE ($1::varchar[] IS NULL OR status = ANY($1))
    AND ($2::varchar IS NULL OR type = $2)
    AND ($3::uuid IS NULL OR correlation_id = $3)
    AND ($4::timestamptz IS NULL OR created_at <= $4)
    AND ($5::timestamptz IS NULL OR created_at >= $5)
    AND ($6::timestamptz IS NULL OR (status = ANY($7) AND created_at < $6))
    AND ($8::timestamptz IS NULL OR (created_at, id) < ($8, $9::uuid))
  ORDER BY created_at DESC, id DESC
  LIMIT $10`;

const COUNTS = `SELECT status, count(*)::int AS total,
    (count(*) FILTER (WHERE status = ANY($2) AND created_at < $1))::int AS overdue
  FROM saga_instances GROUP BY status`;

/** Reads over every saga, for callers' read models and the operators' console. */
@Injectable()
export class PostgresSagaQueries {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<SagaRecord | null> {
    const [row] = await this.select('SELECT * FROM saga_instances WHERE id = $1', [id]);
    return row ?? null;
  }

  findByCorrelation(correlationId: string): Promise<SagaRecord[]> {
    return this.select(
      'SELECT * FROM saga_instances WHERE correlation_id = $1 ORDER BY created_at, id',
      [correlationId],
    );
  }

  async timeline(sagaId: string): Promise<StoredTimelineEntry[]> {
    const { rows } = await runSql<TimelineRow>(
      this.dataSource.manager,
      'SELECT * FROM saga_steps WHERE saga_id = $1 ORDER BY seq',
      [sagaId],
    );
    return rows.map(toTimelineEntry);
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  list(filter: SagaFilter, limit: number, after?: SagaCursor): Promise<SagaRecord[]> {
    return this.select(LIST, [
      filter.statuses ?? null,
      filter.type ?? null,
      filter.correlationId ?? null,
      filter.startedBefore ?? null,
      filter.startedAfter ?? null,
      filter.overdueBefore ?? null,
      UNFINISHED_STATUSES,
      after?.createdAt ?? null,
      after?.id ?? null,
      limit,
    ]);
  }

  /** Sagas per status, and how many of each are unfinished and started before `overdueBefore`. */
  async counts(overdueBefore: Date): Promise<StatusCount[]> {
    const { rows } = await runSql<StatusCount>(this.dataSource.manager, COUNTS, [
      overdueBefore,
      UNFINISHED_STATUSES,
    ]);
    return rows;
  }

  private async select(sql: string, params: unknown[]): Promise<SagaRecord[]> {
    const { rows } = await runSql<SagaRow>(this.dataSource.manager, sql, params);
    return rows.map(toRecord);
  }
}
