import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  statusReasonOf,
  type Money,
  type Order,
  type OrderStatus,
} from '../orders/domain/order.js';
import { isTerminal, type SagaEnding } from './engine/saga-state.js';
import type { SagaInstanceEntity } from './persistence/saga-instance.entity.js';
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

/** What a create-order saga is started with (its `payload`), so its steps never read the order. */
export interface CreateOrderPayload {
  customerId: string;
  amount: Money;
  description: string;
}

export function createOrderPayload(order: Order): CreateOrderPayload {
  return { customerId: order.customerId, amount: order.amount, description: order.description };
}

function payloadOf(ctx: StepContext): CreateOrderPayload {
  return ctx.payload as unknown as CreateOrderPayload;
}

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
          await this.faults.beforeRefund(payloadOf(ctx).description);
          if (this.faults.skipsRefund(payloadOf(ctx).description)) return;
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
    const { customerId, amount } = payloadOf(ctx);
    try {
      const result = await this.payments.charge(
        { orderId: ctx.orderId, customerId, amount },
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
    await this.faults.beforeConfirm(payloadOf(ctx).description);
    const moved = await this.orders.transition(
      ctx.manager,
      ctx.orderId,
      ['PENDING'],
      'APPROVED',
      '',
      ctx.at,
    );
    if (!moved) throw new Error(`order ${ctx.orderId} is no longer PENDING`);
    return { outcome: 'succeeded' as const };
  }

  async finish(manager: EntityManager, { orderId, ending, reason, at }: SagaFinish): Promise<void> {
    if (ending === 'completed') return; // confirm already approved the order
    await this.orders.transition(manager, orderId, ['PENDING'], endStatus(ending), reason, at);
  }
}

function endStatus(ending: Exclude<SagaEnding, 'completed'>): OrderStatus {
  return ending === 'rejected' ? 'REJECTED' : 'CANCELLED';
}

/**
 * The order as its ended create-order saga left it, without reading it back: confirm approved
 * it, or finish rejected or cancelled it, stamped with the saga's last transition time. Undefined
 * while the saga has not ended (the order is still as it was written).
 */
export function orderAfter(order: Order, saga: SagaInstanceEntity): Order | undefined {
  if (!isTerminal(saga.status) || !saga.ending) return undefined;
  const status = saga.ending === 'completed' ? 'APPROVED' : endStatus(saga.ending);
  const reason = saga.ending === 'completed' ? '' : statusReasonOf(saga.lastError);
  return { ...order, status, statusReason: reason, updatedAt: saga.updatedAt };
}
