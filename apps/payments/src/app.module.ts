import { Module, type DynamicModule } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { IdentityModule } from '#identity';
import {
  closeOnShutdown,
  loggerModule,
  MetricsModule,
  mongoPoolMetrics,
  type MongoEndpoint,
  type PaymentsConfig,
  HealthModule,
} from '#platform';
import { PaymentsModule } from './payments/payments.module.js';

@Module({})
export class AppModule {
  static register(config: PaymentsConfig, mongo: MongoEndpoint): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule('payments', config),
        MetricsModule.forRoot('payments'),
        MongooseModule.forRoot(mongo.url, { serverSelectionTimeoutMS: 5_000 }),
        IdentityModule.forRoot({
          jwksUrl: config.AUTH_JWKS_URL,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        }),
        HealthModule.forStore('mongo', config),
        PaymentsModule.register(config),
      ],
      providers: [mongoPoolMetrics(getConnectionToken()), closeOnShutdown('mongo', mongo)],
    };
  }
}
