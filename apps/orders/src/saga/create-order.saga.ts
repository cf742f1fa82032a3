import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderRepository } from '../orders/persistence/order.repository.js';
import {
  PAYMENTS_PORT,
  PaymentOutcomeUnknownError,
  type PaymentsPort,
} from '../payments-client/payments.port.js';
import {
  StepOutcomeUnknownError,
  type SagaDefinition,
  type SagaFinish,
  type SagaStepDefinition,
  type StepContext,
} from './engine/saga-definition.js';
import { SagaFaults } from './saga-faults.js';

export const CREATE_ORDER_SAGA = 'create-order';

/** charge → confirm. A decline rejects the order; a failed confirm refunds the charge. */
@Injectable()
export class CreateOrderSaga implements SagaDefinition {
  readonly type = CREATE_ORDER_SAGA;
  readonly steps: readonly SagaStepDefinition[];

  constructor(
    @Inject(PAYMENTS_PORT) private readonly payments: PaymentsPort,
    private readonly orders: OrderRepository,
    private readonly faults: SagaFaults,
  ) {
    this.steps = [
      {
        name: 'charge',
        onFailure: 'compensate',
        execute: (ctx) => this.charge(ctx),
        compensate: async (ctx) => {
          const description = async () => (await this.orderOf(ctx)).description;
          if (await this.faults.skipsRefund(description)) return;
          await this.payments.refund(ctx.orderId, 'order not confirmed', ctx.credentials);
        },
      },
      {
        name: 'confirm',
        onFailure: 'compensate',
        local: true,
        execute: (ctx) => this.confirm(ctx),
      },
    ];
  }

  private async charge(ctx: StepContext) {
    const order = await this.orderOf(ctx);
    try {
      const result = await this.payments.charge(
        { orderId: order.id, customerId: order.customerId, amount: order.amount },
        ctx.credentials,
      );
      return result.status === 'captured'
        ? { outcome: 'succeeded' as const }
        : { outcome: 'rejected' as const, reason: `payment declined: ${result.reason}` };
    } catch (error) {
      // Maybe charged: the saga must refund (payments tombstones an order never charged).
      if (error instanceof PaymentOutcomeUnknownError)
        throw new StepOutcomeUnknownError(error.message);
      throw error;
    }
  }

  private async confirm(ctx: StepContext) {
    const order = await this.orderOf(ctx);
    await this.faults.beforeConfirm(order.description);
    const moved = await this.orders.transition(ctx.manager, order.id, ['PENDING'], 'APPROVED');
    if (!moved) throw new Error(`order ${order.id} is no longer PENDING`);
    return { outcome: 'succeeded' as const };
  }

  async finish(manager: EntityManager, { orderId, ending, reason }: SagaFinish): Promise<void> {
    if (ending === 'completed') return; // confirm already approved the order
    const status = ending === 'rejected' ? 'REJECTED' : 'CANCELLED';
    await this.orders.transition(manager, orderId, ['PENDING'], status, reason);
  }

  private async orderOf(ctx: StepContext) {
    const order = await this.orders.findById(ctx.orderId, ctx.manager);
    if (!order) throw new Error(`order ${ctx.orderId} vanished`);
    return order;
  }
}
