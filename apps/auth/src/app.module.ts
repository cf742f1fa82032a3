import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  closeOnShutdown,
  loggerModule,
  MetricsModule,
  typeOrmOptions,
  type AuthConfig,
  type PostgresEndpoint,
} from '#platform';
import { AUTH_CONFIG } from './config.tokens.js';
import { HealthController } from './health/health.controller.js';
import { migrations } from './persistence/migrations/index.js';

@Module({})
export class AppModule {
  static register(config: AuthConfig, postgres: PostgresEndpoint): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule('auth', config.LOG_LEVEL),
        MetricsModule.forRoot('auth'),
        TypeOrmModule.forRoot(typeOrmOptions(postgres, [], migrations)),
        TerminusModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        closeOnShutdown('postgres', postgres),
      ],
    };
  }
}
