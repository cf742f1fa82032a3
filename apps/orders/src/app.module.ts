import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  closeOnShutdown,
  loggerModule,
  MetricsModule,
  typeOrmOptions,
  type OrdersConfig,
  type PostgresEndpoint,
} from '#platform';
import { ORDERS_CONFIG } from './config.tokens.js';
import { HealthController } from './health/health.controller.js';
import { migrations } from './persistence/migrations/index.js';

@Module({})
export class AppModule {
  static register(config: OrdersConfig, postgres: PostgresEndpoint): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule('orders', config.LOG_LEVEL),
        MetricsModule.forRoot('orders'),
        TypeOrmModule.forRoot(typeOrmOptions(postgres, [], migrations)),
        TerminusModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: ORDERS_CONFIG, useValue: config },
        closeOnShutdown('postgres', postgres),
      ],
    };
  }
}
