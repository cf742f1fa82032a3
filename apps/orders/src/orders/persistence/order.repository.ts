import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  pipelinedTransaction,
  prepared,
  runSql,
  sendSql,
  type PipelinedTransactionOptions,
} from '#saga';
import { statusReasonOf, type Order, type OrderStatus } from '../domain/order.js';
import { ORDER_COLUMNS, orderValues, toOrder, type OrderRow } from './order.columns.js';

// Fixed SQL per statement: the saga's hot path runs these a few times per order, and an ORM
// would derive them again on every call (test/order-repository.int.spec checks the columns
// against the table the migrations build). The two every order runs are prepared: parsed and
// planned once per connection.
const INSERT = prepared(
  'orders_insert',
  `INSERT INTO orders (${ORDER_COLUMNS.join(', ')})
  VALUES (${ORDER_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
);
const BY_ID = 'SELECT * FROM orders WHERE id = $1';
const BY_IDS = 'SELECT * FROM orders WHERE id = ANY($1)';
const BY_KEY = 'SELECT * FROM orders WHERE customer_id = $1 AND idempotency_key = $2';
// Fails ("order … is no longer PENDING", SQLSTATE ORD01) when the order is in another status: a
// saga step sends it unanswered, with the transition (`sendSql`), so nobody reads a count.
const TRANSITION = prepared(
  'orders_transition',
  `WITH moved AS (
    UPDATE orders SET status = $3, status_reason = $4, updated_at = $5
     WHERE id = $1 AND status = ANY($2)
    RETURNING id)
  SELECT order_expect_moved(count(*) = 1, $1, array_to_string($2::text[], ' or ')) FROM moved`,
);
const LIST = `SELECT * FROM orders
  WHERE ($1::varchar IS NULL OR customer_id = $1)
    AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
  ORDER BY created_at DESC, id DESC
  LIMIT $4`;

export interface PageCursor {
  createdAt: Date;
  id: string;
}

/** Orders in PostgreSQL. Writes take the caller's transaction (`tx`), so a saga's step joins it. */
@Injectable()
export class OrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One unit of work on the orders database (an order and its saga start in one). */
  transaction<T>(
    work: (tx: EntityManager) => Promise<T>,
    options?: PipelinedTransactionOptions,
  ): Promise<T> {
    return pipelinedTransaction(this.dataSource, work, options);
  }

  async insert(tx: EntityManager, order: Order): Promise<void> {
    await runSql(tx, INSERT, orderValues(order));
  }

  async findById(id: string): Promise<Order | null> {
    const [row] = await this.select(BY_ID, [id]);
    return row ?? null;
  }

  findByIds(ids: readonly string[]): Promise<Order[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.select(BY_IDS, [ids]);
  }

  async findByIdempotencyKey(customerId: string, key: string): Promise<Order | null> {
    const [row] = await this.select(BY_KEY, [customerId, key]);
    return row ?? null;
  }

  /**
   * Moves an order from one of `from` to `to`; in another status the statement fails, "order …
   * is no longer PENDING". In a saga step's transaction it leaves with the saga's transition.
   */
  transition(
    tx: EntityManager,
    id: string,
    from: OrderStatus[],
    to: OrderStatus,
    reason = '',
    at = new Date(),
  ): Promise<void> {
    return sendSql(tx, TRANSITION, [id, from, to, statusReasonOf(reason), at]);
  }

  /** Newest first, keyset-paginated; `customerId` undefined lists everyone's (admins). */
  list(customerId: string | undefined, limit: number, after?: PageCursor): Promise<Order[]> {
    return this.select(LIST, [
      customerId ?? null,
      after?.createdAt ?? null,
      after?.id ?? null,
      limit,
    ]);
  }

  private async select(sql: string, params: unknown[]): Promise<Order[]> {
    return ((await this.dataSource.query(sql, params)) as OrderRow[]).map(toOrder);
  }
}
