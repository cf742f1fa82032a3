import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import {
  closeOnShutdown,
  loggerModule,
  MetricsModule,
  MetricsRegistry,
  postgresPoolMetrics,
  typeOrmOptions,
  type OrdersConfig,
  type PostgresEndpoint,
} from '#platform';
import { IdentityModule } from '#identity';
import { SagaModule } from '#saga';
import { ORDERS_CONFIG } from './config.tokens.js';
import { ConsoleModule } from './console/console.module.js';
import { FaultInjectionModule } from './faults/fault-injection.module.js';
import { HealthController } from './health/health.controller.js';
import { OrdersModule } from './orders/orders.module.js';
import { sagaOptions } from './orders-saga.options.js';
import { PaymentsClientModule } from './payments-client/payments-client.module.js';
import { migrations } from './persistence/migrations/index.js';

@Module({})
export class AppModule {
  static register(config: OrdersConfig, postgres: PostgresEndpoint): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule('orders', config),
        MetricsModule.forRoot('orders'),
        TypeOrmModule.forRoot(typeOrmOptions(postgres, [], migrations)),
        SagaModule.forRootAsync({
          inject: [MetricsRegistry],
          useFactory: (metrics: MetricsRegistry) => ({ ...sagaOptions(config), metrics }),
        }),
        IdentityModule.forRoot({
          jwksUrl: config.AUTH_JWKS_URL,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        }),
        PaymentsClientModule.register(config),
        // The test-only fault switch exists only when enabled (the config refuses it in production).
        ...(config.SAGA_FAULTS_ENABLED ? [FaultInjectionModule] : []),
        OrdersModule.register(config),
        ConsoleModule.register(config),
        TerminusModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: ORDERS_CONFIG, useValue: config },
        postgresPoolMetrics(getDataSourceToken()),
        closeOnShutdown('postgres', postgres),
      ],
    };
  }
}
