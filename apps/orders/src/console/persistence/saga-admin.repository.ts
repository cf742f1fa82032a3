import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { OrderEntity } from '../../orders/persistence/order.entity.js';
import type { SagaStatus } from '../../saga/engine/saga-state.js';
import { SagaInstanceEntity } from '../../saga/persistence/saga-instance.entity.js';
import { UNFINISHED, type SagaFilter } from '../domain/saga-views.js';

export interface SagaCursor {
  createdAt: Date;
  id: string;
}

export interface StatusCount {
  status: SagaStatus;
  total: number;
  overdue: number;
}

/** The console's reads across all sagas, and the row lock its actions take. */
@Injectable()
export class SagaAdminRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, keyset-paginated on (created_at, id). */
  list(filter: SagaFilter, limit: number, after?: SagaCursor): Promise<SagaInstanceEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(SagaInstanceEntity, 's')
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit);
    if (filter.statuses)
      query.andWhere('s.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.type) query.andWhere('s.type = :type', { type: filter.type });
    if (filter.orderId) query.andWhere('s.order_id = :orderId', { orderId: filter.orderId });
    if (filter.startedBefore) {
      query.andWhere('s.created_at <= :startedBefore', { startedBefore: filter.startedBefore });
    }
    if (filter.startedAfter) {
      query.andWhere('s.created_at >= :startedAfter', { startedAfter: filter.startedAfter });
    }
    if (filter.overdueBefore) {
      query.andWhere('s.status IN (:...unfinished) AND s.created_at < :overdueBefore', {
        unfinished: UNFINISHED,
        overdueBefore: filter.overdueBefore,
      });
    }
    if (after) {
      query.andWhere('(s.created_at, s.id) < (:afterCreatedAt, :afterId)', {
        afterCreatedAt: after.createdAt,
        afterId: after.id,
      });
    }
    return query.getMany();
  }

  /** Sagas per status, and how many of each are unfinished and started before `overdueBefore`. */
  async counts(overdueBefore: Date): Promise<StatusCount[]> {
    const rows = (await this.dataSource.query(
      `SELECT status,
              count(*)::int AS total,
              (count(*) FILTER (WHERE status = ANY($2) AND created_at < $1))::int AS overdue
         FROM saga_instances
        GROUP BY status`,
      [overdueBefore, UNFINISHED],
    )) as StatusCount[];
    return rows;
  }

  async ordersOf(sagas: SagaInstanceEntity[]): Promise<Map<string, OrderEntity>> {
    if (sagas.length === 0) return new Map();
    const ids = [...new Set(sagas.map((saga) => saga.orderId))];
    const orders = await this.dataSource.manager.findBy(OrderEntity, { id: In(ids) });
    return new Map(orders.map((order) => [order.id, order]));
  }

  findById(id: string): Promise<SagaInstanceEntity | null> {
    return this.dataSource.manager.findOneBy(SagaInstanceEntity, { id });
  }

  /**
   * Writes an operator's change to a saga row this transaction has locked, bumping its version
   * so that any result an engine still brings for the old version is refused.
   */
  async write(
    manager: EntityManager,
    saga: SagaInstanceEntity,
    changes: Partial<Omit<SagaInstanceEntity, 'payload'>>,
  ): Promise<SagaInstanceEntity> {
    const version = saga.version + 1;
    const result = await manager.update(
      SagaInstanceEntity,
      { id: saga.id, version: saga.version },
      { ...changes, version },
    );
    if (result.affected !== 1) throw new Error(`saga ${saga.id} changed under its row lock`);
    return Object.assign(new SagaInstanceEntity(), saga, changes, { version });
  }

  /** The saga row locked for this transaction, whoever owns it: an operator's action wins. */
  lock(manager: EntityManager, id: string): Promise<SagaInstanceEntity | null> {
    return manager
      .createQueryBuilder(SagaInstanceEntity, 's')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }
}
