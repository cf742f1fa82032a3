import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '#identity';
import {
  closeOnShutdown,
  loggerModule,
  MetricsModule,
  postgresPoolMetrics,
  typeOrmOptions,
  type AuthConfig,
  type PostgresEndpoint,
} from '#platform';
import { AccountsModule } from './accounts/accounts.module.js';
import { UserEntity } from './accounts/persistence/user.entity.js';
import type { SeededAccount } from './accounts/usecases/seed-accounts/seed-account.usecase.js';
import { HealthController } from './health/health.controller.js';
import { KeysModule } from './keys/keys.module.js';
import type { SigningKeys } from './keys/signing-keys.js';
import { migrations } from './persistence/migrations/index.js';

export interface AuthAppParts {
  config: AuthConfig;
  postgres: PostgresEndpoint;
  keys: SigningKeys;
  seeded: readonly SeededAccount[];
}

@Module({})
export class AppModule {
  static register({ config, postgres, keys, seeded }: AuthAppParts): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule('auth', config),
        MetricsModule.forRoot('auth'),
        TypeOrmModule.forRoot(typeOrmOptions(postgres, [UserEntity], migrations)),
        TerminusModule,
        // auth checks its own tokens with the same guard as the other services, from its key set.
        IdentityModule.forRoot({
          jwks: keys.jwks,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        }),
        KeysModule.register(config, keys),
        AccountsModule.register(config, seeded),
      ],
      controllers: [HealthController],
      providers: [postgresPoolMetrics(getDataSourceToken()), closeOnShutdown('postgres', postgres)],
    };
  }
}
