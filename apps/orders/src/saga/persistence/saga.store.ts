import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SagaInstanceEntity } from './saga-instance.entity.js';
import { SagaStepEntity } from './saga-step.entity.js';

/** Saga rows and their timeline. Every write runs in the caller's transaction. */
@Injectable()
export class SagaStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, saga: SagaInstanceEntity): Promise<void> {
    await manager.insert(SagaInstanceEntity, saga);
  }

  /** The saga row, locked for this transaction, if `owner` still holds its lease. */
  async lockOwned(
    manager: EntityManager,
    id: string,
    owner: string,
  ): Promise<SagaInstanceEntity | null> {
    return manager
      .createQueryBuilder(SagaInstanceEntity, 's')
      .setLock('pessimistic_write')
      .where('s.id = :id AND s.owner = :owner', { id, owner })
      .getOne();
  }

  async save(manager: EntityManager, saga: SagaInstanceEntity): Promise<void> {
    await manager.save(SagaInstanceEntity, saga);
  }

  /** Appends a timeline row; the saga row lock held by the caller serialises `seq`. */
  async appendStep(manager: EntityManager, step: Omit<SagaStepEntity, 'seq'>): Promise<void> {
    const [{ next }] = (await manager.query(
      'SELECT coalesce(max(seq), 0) + 1 AS next FROM saga_steps WHERE saga_id = $1',
      [step.sagaId],
    )) as [{ next: number }];
    await manager.insert(SagaStepEntity, { ...step, seq: Number(next) });
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

  findById(id: string): Promise<SagaInstanceEntity | null> {
    return this.dataSource.manager.findOneBy(SagaInstanceEntity, { id });
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
