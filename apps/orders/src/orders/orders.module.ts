import { Module, type DynamicModule } from '@nestjs/common';
import type { OrdersConfig } from '#platform';
import { SagaModule } from '../saga/saga.module.js';
import { OrdersGrpcController } from './orders.grpc.controller.js';
import { OrdersHttpController } from './orders.http.controller.js';
import { OrderPersistenceModule } from './persistence/order-persistence.module.js';
import { CancelOrderUseCase } from './usecases/cancel-order/cancel-order.usecase.js';
import { CreateOrderUseCase } from './usecases/create-order/create-order.usecase.js';
import { GetOrderSagaUseCase } from './usecases/get-order-saga/get-order-saga.usecase.js';
import { GetOrderUseCase } from './usecases/get-order/get-order.usecase.js';
import { ListOrdersUseCase } from './usecases/list-orders/list-orders.usecase.js';
import { SAGA_RUN_BUDGET_MS } from './usecases/run-budget.js';

@Module({})
export class OrdersModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: OrdersModule,
      imports: [
        OrderPersistenceModule,
        SagaModule.register(
          {
            leaseMs: config.SAGA_LEASE_MS,
            maxAttempts: config.SAGA_MAX_COMPENSATION_ATTEMPTS,
            retryInitialMs: config.SAGA_RETRY_INITIAL_MS,
            retryMaxMs: config.SAGA_RETRY_MAX_MS,
            recoveryIntervalMs: config.SAGA_RECOVERY_INTERVAL_MS,
          },
          config.SAGA_FAULTS_ENABLED,
        ),
      ],
      controllers: [OrdersGrpcController, OrdersHttpController],
      providers: [
        { provide: SAGA_RUN_BUDGET_MS, useValue: config.SAGA_RUN_BUDGET_MS },
        CreateOrderUseCase,
        GetOrderUseCase,
        ListOrdersUseCase,
        CancelOrderUseCase,
        GetOrderSagaUseCase,
      ],
    };
  }
}
