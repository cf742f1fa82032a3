import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SagaDefinition, SagaEnd, SagaStep } from '#saga';
import { PAYMENTS_PORT, type PaymentsPort } from '../../payments-client/payments.port.js';
import { FraudScreeningRepository } from '../persistence/fraud-screening.repository.js';
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
import { fraudCheckStep } from './steps/fraud-check.step.js';

/** The hourly velocity limit of the fraud check (ORDERS_FRAUD_MAX_ORDERS_PER_HOUR). */
export const FRAUD_MAX_ORDERS_PER_HOUR = Symbol('FRAUD_MAX_ORDERS_PER_HOUR');

/**
 * v2: charge → fraud-check → confirm. An order over the customer's hourly velocity limit is
 * held: its charge is refunded and it ends REJECTED. A failed confirm voids the screening and
 * refunds the charge. v1 sagas in flight keep running v1.
 */
@Injectable()
export class CreateOrderSagaV2 implements SagaDefinition<CreateOrderPayload> {
  readonly type = CREATE_ORDER_SAGA;
  readonly version = 2;
  readonly payload = createOrderPayload;
  readonly steps: readonly SagaStep<CreateOrderPayload>[];

  constructor(
    @Inject(PAYMENTS_PORT) payments: PaymentsPort,
    private readonly orders: OrderRepository,
    screenings: FraudScreeningRepository,
    @Inject(FRAUD_MAX_ORDERS_PER_HOUR) maxPerHour: number,
    @Optional() @Inject(CONFIRM_HOOK) hook?: ConfirmHook,
  ) {
    this.steps = [
      chargeStep(payments),
      fraudCheckStep(screenings, maxPerHour),
      confirmStep(orders, hook),
    ];
  }

  onEnd(end: SagaEnd<CreateOrderPayload>): Promise<void> {
    return endCreateOrder(this.orders, end);
  }
}
