import { Module, type DynamicModule } from '@nestjs/common';
import type { OrdersConfig } from '#platform';
import { OrdersGrpcController } from './orders.grpc.controller.js';
import { OrdersHttpController } from './orders.http.controller.js';
import { OrderPersistenceModule } from './persistence/order-persistence.module.js';
import { orderSagasFeature } from './sagas/order-sagas.js';
import { CancelOrderUseCase } from './usecases/cancel-order/cancel-order.usecase.js';
import { CreateOrderUseCase } from './usecases/create-order/create-order.usecase.js';
import { GetOrderSagaUseCase } from './usecases/get-order-saga/get-order-saga.usecase.js';
import { GetOrderUseCase } from './usecases/get-order/get-order.usecase.js';
import { ListOrdersUseCase } from './usecases/list-orders/list-orders.usecase.js';
import { SAGA_RUN_BUDGET_MS } from './usecases/run-budget.js';

/** Orders: their API, use cases, persistence and the sagas that move them. */
@Module({})
export class OrdersModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: OrdersModule,
      imports: [
        OrderPersistenceModule,
        orderSagasFeature({
          createOrderVersion: config.SAGA_CREATE_ORDER_VERSION,
          fraudMaxOrdersPerHour: config.ORDERS_FRAUD_MAX_ORDERS_PER_HOUR,
        }),
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
