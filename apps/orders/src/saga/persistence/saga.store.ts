import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  EntityStatements,
  insertTogether,
  type InsertCommand,
} from '../../persistence/entity-statements.js';
import { SagaInstanceEntity } from './saga-instance.entity.js';
import { SagaStepEntity } from './saga-step.entity.js';

/** Saga rows and their timeline. Every write runs in the caller's transaction. */
@Injectable()
export class SagaStore {
  /** The engine's writes, a few per order: plain SQL, no query builder. */
  private readonly sagas: EntityStatements<SagaInstanceEntity>;
  private readonly steps: EntityStatements<SagaStepEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sagas = new EntityStatements(dataSource, SagaInstanceEntity);
    this.steps = new EntityStatements(dataSource, SagaStepEntity);
  }

  /** Inserts the saga and the caller's rows in one statement: all of them exist, or none. */
  async insert(saga: SagaInstanceEntity, together: readonly InsertCommand[]): Promise<void> {
    await insertTogether(this.dataSource.manager, [...together, this.sagas.insertCommand([saga])]);
  }

  /**
   * Writes a saga's new state if `owner` still holds it at `version` (optimistic concurrency: no
   * row lock to take first), and its new timeline rows, in one statement. False when the lease
   * was lost or another transition won: the rows are written regardless, so the caller's
   * transaction must roll back then.
   */
  async advance(
    manager: EntityManager,
    saga: SagaInstanceEntity,
    owner: string,
    steps: Omit<SagaStepEntity, 'seq'>[],
  ): Promise<boolean> {
    // Type, order, payload and creation time never change after the insert.
    const changed = await this.sagas.update(
      manager,
      `status = $4, step = $5, attempts = $6, last_error = $7, ending = $8, owner = $9,
       next_attempt_at = $10, updated_at = $11, finished_at = $12, version = $3 + 1
       WHERE id = $1 AND owner = $2 AND version = $3`,
      [
        saga.id,
        owner,
        saga.version,
        saga.status,
        saga.step,
        saga.attempts,
        saga.lastError,
        saga.ending,
        saga.owner,
        saga.nextAttemptAt,
        saga.updatedAt,
        saga.finishedAt,
      ],
      steps.length > 0 ? this.steps.insertCommand(steps.map(toEntity)) : undefined,
    );
    return changed === 1;
  }

  /** Appends one timeline row (e.g. an operator's action) in the caller's transaction. */
  async appendStep(manager: EntityManager, step: Omit<SagaStepEntity, 'seq'>): Promise<void> {
    await this.steps.insert(manager, [toEntity(step)]);
  }

  /**
   * Takes over up to `limit` running or compensating sagas whose lease expired or whose retry is
   * due. SKIP LOCKED lets several replicas do this at once without waiting on each other.
   */
  async claimDue(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `UPDATE saga_instances SET owner = $1, next_attempt_at = $3, updated_at = $2
        WHERE id IN (
          SELECT id FROM saga_instances
           WHERE status IN ('RUNNING', 'COMPENSATING') AND next_attempt_at <= $2
           ORDER BY next_attempt_at
           LIMIT $4
           FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [owner, now, leaseUntil, limit],
    )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
    const list = Array.isArray(rows[0]) ? rows[0] : (rows as Array<{ id: string }>);
    return list.map((row) => row.id);
  }

  findOwned(id: string, owner: string): Promise<SagaInstanceEntity | null> {
    return this.dataSource.manager.findOneBy(SagaInstanceEntity, { id, owner });
  }

  findByOrder(orderId: string): Promise<SagaInstanceEntity[]> {
    return this.dataSource.manager.find(SagaInstanceEntity, {
      where: { orderId },
      order: { createdAt: 'ASC' },
    });
  }

  timeline(sagaId: string): Promise<SagaStepEntity[]> {
    return this.dataSource.manager.find(SagaStepEntity, {
      where: { sagaId },
      order: { seq: 'ASC' },
    });
  }
}

function toEntity(step: Omit<SagaStepEntity, 'seq'>): SagaStepEntity {
  return Object.assign(new SagaStepEntity(), step);
}
