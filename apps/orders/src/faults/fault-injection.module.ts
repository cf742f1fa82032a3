import { Global, Module } from '@nestjs/common';
import { OrderPersistenceModule } from '../orders/persistence/order-persistence.module.js';
import { OrderRepository } from '../orders/persistence/order.repository.js';
import { CONFIRM_HOOK } from '../orders/sagas/confirm-hook.js';
import {
  PAYMENTS_PORT_DECORATOR,
  type PaymentsPortDecorator,
} from '../payments-client/payments-client.module.js';
import { FaultSwitch } from './fault-switch.js';
import { FaultyConfirmHook } from './faulty-confirm.hook.js';
import { FaultyPayments } from './faulty-payments.js';
import { TestFaultsHttpController } from './test-faults.http.controller.js';

/**
 * The test-only fault switch (SAGA_FAULTS_ENABLED=true; the config refuses it in production).
 * Imported by the app only when enabled: without it nothing of it exists, not even its route.
 */
@Global()
@Module({
  imports: [OrderPersistenceModule],
  controllers: [TestFaultsHttpController],
  providers: [
    FaultSwitch,
    { provide: CONFIRM_HOOK, useClass: FaultyConfirmHook },
    {
      provide: PAYMENTS_PORT_DECORATOR,
      inject: [OrderRepository, FaultSwitch],
      useFactory:
        (orders: OrderRepository, faults: FaultSwitch): PaymentsPortDecorator =>
        (real) =>
          new FaultyPayments(real, orders, faults),
    },
  ],
  exports: [CONFIRM_HOOK, PAYMENTS_PORT_DECORATOR],
})
export class FaultInjectionModule {}
