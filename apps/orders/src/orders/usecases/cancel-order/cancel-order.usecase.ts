import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '#identity';
import { CANCEL_ORDER_SAGA } from '../../../saga/cancel-order.saga.js';
import { SagaOrchestrator } from '../../../saga/engine/saga-orchestrator.js';
import type { SagaInstanceEntity } from '../../../saga/persistence/saga-instance.entity.js';
import { isCancellable, type Order } from '../../domain/order.js';
import { OrderNotCancellableError } from '../../domain/order.errors.js';
import { OrderRepository } from '../../persistence/order.repository.js';
import { isUniqueViolation } from '../../persistence/unique-violation.js';
import { GetOrderUseCase } from '../get-order/get-order.usecase.js';
import { SAGA_RUN_BUDGET_MS } from '../run-budget.js';

/**
 * Starts the refund saga of an APPROVED order. Idempotent: one cancel saga per order (a unique
 * constraint), so a repeated cancel returns the order as it stands.
 */
@Injectable()
export class CancelOrderUseCase {
  constructor(
    private readonly getOrder: GetOrderUseCase,
    private readonly orders: OrderRepository,
    private readonly sagas: SagaOrchestrator,
    @Inject(SAGA_RUN_BUDGET_MS) private readonly budgetMs: number,
  ) {}

  async execute(caller: Caller, orderId: string): Promise<Order> {
    const order = await this.getOrder.execute(caller, orderId);
    if (order.status === 'CANCELLED') return order;
    if (!isCancellable(order)) throw new OrderNotCancellableError(order.id, order.status);
    let saga: SagaInstanceEntity;
    try {
      saga = await this.sagas.begin(CANCEL_ORDER_SAGA, order.id);
    } catch (error) {
      if (isUniqueViolation(error)) return order; // a cancel is already under way
      throw error;
    }
    await this.sagas.runWithin(saga, this.budgetMs, caller.token);
    return (await this.orders.findById(order.id)) ?? order;
  }
}
