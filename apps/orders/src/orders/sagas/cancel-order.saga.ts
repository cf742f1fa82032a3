import { Inject, Injectable } from '@nestjs/common';
import { succeeded, type SagaDefinition, type SagaEnd, type SagaStep } from '#saga';
import { PAYMENTS_PORT, type PaymentsPort } from '../../payments-client/payments.port.js';
import { OrderRepository } from '../persistence/order.repository.js';
import {
  cancelOrderPayload,
  CANCEL_ORDER_SAGA,
  type CancelOrderPayload,
} from './cancel-order.payload.js';
import { paymentsCall } from './steps/payments-outcome.js';

/**
 * Refunds an APPROVED order, retrying until payments confirms (forward recovery: a refund is
 * idempotent and there is nothing sensible to undo), then marks the order CANCELLED.
 */
@Injectable()
export class CancelOrderSagaV1 implements SagaDefinition<CancelOrderPayload> {
  readonly type = CANCEL_ORDER_SAGA;
  readonly version = 1;
  readonly payload = cancelOrderPayload;
  readonly steps: readonly SagaStep<CancelOrderPayload>[];

  constructor(
    @Inject(PAYMENTS_PORT) payments: PaymentsPort,
    private readonly orders: OrderRepository,
  ) {
    this.steps = [
      {
        name: 'refund',
        onFailure: 'retry',
        async execute({ correlationId: orderId, payload, credentials }) {
          await paymentsCall(() => payments.refund(orderId, payload.reason, credentials));
          return succeeded();
        },
      },
    ];
  }

  async onEnd({ tx, correlationId: orderId, ending, payload, at }: SagaEnd<CancelOrderPayload>) {
    if (ending !== 'completed') throw new Error(`cancel saga of ${orderId} ended ${ending}`);
    // Fails "order … is no longer APPROVED" when someone moved it meanwhile.
    await this.orders.transition(tx, orderId, ['APPROVED'], 'CANCELLED', payload.reason, at);
  }
}
