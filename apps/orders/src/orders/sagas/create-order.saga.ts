import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SagaDefinition, SagaEnd, SagaStep } from '#saga';
import { PAYMENTS_PORT, type PaymentsPort } from '../../payments-client/payments.port.js';
import { OrderRepository } from '../persistence/order.repository.js';
import { CONFIRM_HOOK, type ConfirmHook } from './confirm-hook.js';
import { endCreateOrder } from './create-order.end.js';
import {
  CREATE_ORDER_SAGA,
  createOrderPayload,
  type CreateOrderPayload,
} from './create-order.payload.js';
import { chargeStep } from './steps/charge.step.js';
import { confirmStep } from './steps/confirm.step.js';

/** v1: charge → confirm. A decline rejects the order; a failed confirm refunds the charge. */
@Injectable()
export class CreateOrderSagaV1 implements SagaDefinition<CreateOrderPayload> {
  readonly type = CREATE_ORDER_SAGA;
  readonly version = 1;
  readonly payload = createOrderPayload;
  readonly steps: readonly SagaStep<CreateOrderPayload>[];

  constructor(
    @Inject(PAYMENTS_PORT) payments: PaymentsPort,
    private readonly orders: OrderRepository,
    @Optional() @Inject(CONFIRM_HOOK) hook?: ConfirmHook,
  ) {
    this.steps = [chargeStep(payments), confirmStep(orders, hook)];
  }

  onEnd(end: SagaEnd<CreateOrderPayload>): Promise<void> {
    return endCreateOrder(this.orders, end);
  }
}
