import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderRepository } from '../orders/persistence/order.repository.js';
import { PAYMENTS_PORT, type PaymentsPort } from '../payments-client/payments.port.js';
import type { SagaDefinition, SagaFinish, SagaStepDefinition } from './engine/saga-definition.js';

export const CANCEL_ORDER_SAGA = 'cancel-order';

/**
 * Refunds an APPROVED order, retrying until payments confirms (forward recovery: a refund is
 * idempotent and there is nothing sensible to undo), then marks the order CANCELLED.
 */
@Injectable()
export class CancelOrderSaga implements SagaDefinition {
  readonly type = CANCEL_ORDER_SAGA;
  readonly steps: readonly SagaStepDefinition[];

  constructor(
    @Inject(PAYMENTS_PORT) private readonly payments: PaymentsPort,
    private readonly orders: OrderRepository,
  ) {
    this.steps = [
      {
        name: 'refund',
        onFailure: 'retry',
        execute: async (ctx) => {
          await this.payments.refund(ctx.orderId, 'order cancelled', ctx.credentials);
          return { outcome: 'succeeded' };
        },
      },
    ];
  }

  async finish(manager: EntityManager, { orderId, ending, reason, at }: SagaFinish): Promise<void> {
    if (ending !== 'completed')
      throw new Error(`cancel saga of ${orderId} ended ${ending}: ${reason}`);
    await this.orders.transition(
      manager,
      orderId,
      ['APPROVED'],
      'CANCELLED',
      'cancelled on request',
      at,
    );
  }
}
