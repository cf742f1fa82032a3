import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '#identity';
import { addLogFields, isUniqueViolation } from '#platform';
import { SagaOrchestrator, type StartedSaga } from '#saga';
import { isCancellable, type Order } from '../../domain/order.js';
import { OrderNotCancellableError } from '../../domain/order.errors.js';
import { OrderRepository } from '../../persistence/order.repository.js';
import { CANCEL_ORDER_SAGA, DEFAULT_CANCEL_REASON } from '../../sagas/cancel-order.payload.js';
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

  async execute(caller: Caller, orderId: string, reason = ''): Promise<Order> {
    const order = await this.getOrder.execute(caller, orderId);
    if (order.status === 'CANCELLED') return order;
    if (!isCancellable(order)) throw new OrderNotCancellableError(order.id, order.status);
    let saga: StartedSaga;
    try {
      saga = await this.orders.transaction((tx) =>
        this.sagas.begin(tx, CANCEL_ORDER_SAGA, order.id, {
          reason: reason.trim() || DEFAULT_CANCEL_REASON,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return order; // a cancel is already under way
      throw error;
    }
    addLogFields({ saga_id: saga.id, order_id: order.id });
    await this.sagas.runWithin(saga, this.budgetMs, caller.token);
    return (await this.orders.findById(order.id)) ?? order;
  }
}
