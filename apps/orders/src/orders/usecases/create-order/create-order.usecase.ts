import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SagaOrchestrator, type StartedSaga } from '#saga';
import { addLogFields, isUniqueViolation } from '#platform';
import { requestFingerprint, type Order } from '../../domain/order.js';
import { IdempotencyKeyReusedError } from '../../domain/order.errors.js';
import { OrderRepository } from '../../persistence/order.repository.js';
import { CREATE_ORDER_SAGA } from '../../sagas/create-order.payload.js';
import { orderAfter } from '../../sagas/order-after-saga.js';
import { SAGA_RUN_BUDGET_MS } from '../run-budget.js';
import type { CreateOrderCommand } from './create-order.command.js';

/**
 * Writes the order PENDING and starts its saga in one transaction, then runs the saga. The same
 * idempotency key returns the same order (never a second order or charge); reused with another
 * body it is refused.
 */
@Injectable()
export class CreateOrderUseCase {
  constructor(
    private readonly orders: OrderRepository,
    private readonly sagas: SagaOrchestrator,
    @Inject(SAGA_RUN_BUDGET_MS) private readonly budgetMs: number,
  ) {}

  async execute(command: CreateOrderCommand): Promise<Order> {
    const order = newOrder(command);
    let saga: StartedSaga;
    try {
      // A retry with the same key hits the unique constraint and replays the first order.
      // Both rows are sent at once, with BEGIN before and COMMIT behind them: one round trip.
      saga = await this.orders.transaction(
        async (tx) => {
          const { customerId, amount, description } = order;
          const [, started] = await Promise.all([
            this.orders.insert(tx, order),
            this.sagas.begin(tx, CREATE_ORDER_SAGA, order.id, { customerId, amount, description }),
          ]);
          return started;
        },
        { sentAtOnce: true },
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.orders.findByIdempotencyKey(order.customerId, order.idempotencyKey);
      if (!winner) throw error;
      return replay(winner, order.requestFingerprint);
    }
    // The rest of the request's log lines (its "request completed" too) name the saga and order.
    addLogFields({ saga_id: saga.id, order_id: order.id });
    const ended = await this.sagas.runWithin(saga, this.budgetMs, command.caller.token);
    // An ended saga says what became of the order; only one still going is read back.
    return (ended && orderAfter(order, ended)) ?? (await this.orders.findById(order.id)) ?? order;
  }
}

function newOrder(command: CreateOrderCommand): Order {
  const now = new Date();
  return {
    id: randomUUID(),
    customerId: command.caller.subject,
    idempotencyKey: command.idempotencyKey,
    requestFingerprint: requestFingerprint(command),
    amount: command.amount,
    description: command.description,
    status: 'PENDING',
    statusReason: '',
    createdAt: now,
    updatedAt: now,
  };
}

function replay(existing: Order, fingerprint: string): Order {
  if (existing.requestFingerprint !== fingerprint) {
    throw new IdempotencyKeyReusedError(existing.idempotencyKey);
  }
  return existing;
}
