import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EntityStatements, type InsertCommand } from '../../persistence/entity-statements.js';
import { statusReasonOf, type Order, type OrderStatus } from '../domain/order.js';
import { OrderEntity } from './order.entity.js';

export interface PageCursor {
  createdAt: Date;
  id: string;
}

@Injectable()
export class OrderRepository {
  /** Every order goes through insert, transition and findById: plain SQL, no query builder. */
  private readonly statements: EntityStatements<OrderEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.statements = new EntityStatements(dataSource, OrderEntity);
  }

  /** The order's INSERT, to be written together with its saga (SagaOrchestrator.begin). */
  insertCommand(order: Order): InsertCommand {
    return this.statements.insertCommand([toEntity(order)]);
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Order | null> {
    const [row] = await this.statements.select(manager, 'id = $1', [id]);
    return row ? toDomain(row) : null;
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
    at = new Date(),
  ): Promise<boolean> {
    const changed = await this.statements.update(
      manager,
      'status = $3, status_reason = $4, updated_at = $5 WHERE id = $1 AND status = ANY($2)',
      [id, from, to, statusReasonOf(reason), at],
    );
    return changed === 1;
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
