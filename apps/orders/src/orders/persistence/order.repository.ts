import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Order, OrderStatus } from '../domain/order.js';
import { OrderEntity } from './order.entity.js';

export interface PageCursor {
  createdAt: Date;
  id: string;
}

@Injectable()
export class OrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, order: Order): Promise<void> {
    await manager.insert(OrderEntity, toEntity(order));
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Order | null> {
    const row = await manager.findOneBy(OrderEntity, { id });
    return row && toDomain(row);
  }

  async findByIdempotencyKey(customerId: string, key: string): Promise<Order | null> {
    const row = await this.dataSource.manager.findOneBy(OrderEntity, {
      customerId,
      idempotencyKey: key,
    });
    return row && toDomain(row);
  }

  /** Moves an order from one of `from` to `to`; false when it was in another status. */
  async transition(
    manager: EntityManager,
    id: string,
    from: OrderStatus[],
    to: OrderStatus,
    reason = '',
  ): Promise<boolean> {
    const result = await manager.update(
      OrderEntity,
      { id, status: In(from) },
      { status: to, statusReason: reason.slice(0, 500), updatedAt: new Date() },
    );
    return (result.affected ?? 0) === 1;
  }

  /** Newest first, keyset-paginated; `customerId` undefined lists everyone's (admins). */
  async list(customerId: string | undefined, limit: number, after?: PageCursor): Promise<Order[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(OrderEntity, 'o')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit);
    if (customerId !== undefined) query.andWhere('o.customer_id = :customerId', { customerId });
    if (after) {
      query.andWhere('(o.created_at, o.id) < (:createdAt, :id)', {
        createdAt: after.createdAt,
        id: after.id,
      });
    }
    return (await query.getMany()).map(toDomain);
  }
}

function toEntity(order: Order): OrderEntity {
  const { amount, ...rest } = order;
  return Object.assign(new OrderEntity(), rest, {
    currencyCode: amount.currencyCode,
    amountMinor: amount.amountMinor,
  });
}

function toDomain(row: OrderEntity): Order {
  const { currencyCode, amountMinor, ...rest } = row;
  return { ...rest, amount: { currencyCode, amountMinor } };
}
