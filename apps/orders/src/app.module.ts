import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import {
  closeOnShutdown,
  loggerModule,
  MetricsModule,
  postgresPoolMetrics,
  typeOrmOptions,
  type OrdersConfig,
  type PostgresEndpoint,
  HealthModule,
} from '#platform';
import { ORDERS_CONFIG } from './config.tokens.js';
import { ConsoleModule } from './console/console.module.js';
import { IdentityModule } from '#identity';
import { OrdersModule } from './orders/orders.module.js';
import { OrderEntity } from './orders/persistence/order.entity.js';
import { PaymentsClientModule } from './payments-client/payments-client.module.js';
import { SagaInstanceEntity } from './saga/persistence/saga-instance.entity.js';
import { SagaStepEntity } from './saga/persistence/saga-step.entity.js';
import { migrations } from './persistence/migrations/index.js';

@Module({})
export class AppModule {
  static register(config: OrdersConfig, postgres: PostgresEndpoint): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule('orders', config),
        MetricsModule.forRoot('orders'),
        TypeOrmModule.forRoot(
          typeOrmOptions(postgres, [OrderEntity, SagaInstanceEntity, SagaStepEntity], migrations),
        ),
        IdentityModule.forRoot({
          jwksUrl: config.AUTH_JWKS_URL,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        }),
        PaymentsClientModule.register(config),
        OrdersModule.register(config),
        ConsoleModule.register(config),
        HealthModule.forStore('postgres', config),
      ],
      providers: [
        { provide: ORDERS_CONFIG, useValue: config },
        postgresPoolMetrics(getDataSourceToken()),
        closeOnShutdown('postgres', postgres),
      ],
    };
  }
}
