import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SagaOrchestrator } from '../../../saga/engine/saga-orchestrator.js';
import type { SagaInstanceEntity } from '../../../saga/persistence/saga-instance.entity.js';
import {
  CREATE_ORDER_SAGA,
  createOrderPayload,
  orderAfter,
} from '../../../saga/create-order.saga.js';
import { requestFingerprint, type Order } from '../../domain/order.js';
import { IdempotencyKeyReusedError } from '../../domain/order.errors.js';
import { OrderRepository } from '../../persistence/order.repository.js';
import { isUniqueViolation } from '../../persistence/unique-violation.js';
import { SAGA_RUN_BUDGET_MS } from '../run-budget.js';
import type { CreateOrderCommand } from './create-order.command.js';

/**
 * Writes the order PENDING and its saga in one statement, then runs the saga. The same
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
    const fingerprint = requestFingerprint(command);
    const customerId = command.caller.subject;
    const now = new Date();
    const order: Order = {
      id: randomUUID(),
      customerId,
      idempotencyKey: command.idempotencyKey,
      requestFingerprint: fingerprint,
      amount: command.amount,
      description: command.description,
      status: 'PENDING',
      statusReason: '',
      createdAt: now,
      updatedAt: now,
    };
    // Insert first: a retry with the same key hits the unique constraint and replays the first.
    let saga: SagaInstanceEntity;
    try {
      saga = await this.sagas.begin(CREATE_ORDER_SAGA, order.id, { ...createOrderPayload(order) }, [
        this.orders.insertCommand(order),
      ]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.orders.findByIdempotencyKey(customerId, command.idempotencyKey);
      if (!winner) throw error;
      return replay(winner, fingerprint);
    }
    const stopped = await this.sagas.runWithin(saga, this.budgetMs, command.caller.token);
    // An ended saga says what became of the order; only one still going is read back.
    const after = stopped && orderAfter(order, stopped);
    return after ?? (await this.orders.findById(order.id)) ?? order;
  }
}

function replay(existing: Order, fingerprint: string): Order {
  if (existing.requestFingerprint !== fingerprint) {
    throw new IdempotencyKeyReusedError(existing.idempotencyKey);
  }
  return existing;
}
