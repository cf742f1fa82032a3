import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import {
  closeOnShutdown,
  loggerModule,
  MetricsModule,
  type MongoEndpoint,
  type PaymentsConfig,
} from '#platform';
import { PAYMENTS_CONFIG } from './config.tokens.js';
import { HealthController } from './health/health.controller.js';

@Module({})
export class AppModule {
  static register(config: PaymentsConfig, mongo: MongoEndpoint): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule('payments', config.LOG_LEVEL),
        MetricsModule.forRoot('payments'),
        MongooseModule.forRoot(mongo.url, { serverSelectionTimeoutMS: 5_000 }),
        TerminusModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: PAYMENTS_CONFIG, useValue: config }, closeOnShutdown('mongo', mongo)],
    };
  }
}
