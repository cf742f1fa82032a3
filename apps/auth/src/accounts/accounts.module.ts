import { Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import type { AuthConfig } from '#platform';
import { AccountsHttpController } from './accounts.http.controller.js';
import { LoginMetrics } from './login.metrics.js';
import { PasswordHasher } from './password-hasher.js';
import { UserEntity } from './persistence/user.entity.js';
import { UserRepository } from './persistence/user.repository.js';
import { GetUserUseCase } from './usecases/get-user/get-user.usecase.js';
import { LoginUseCase } from './usecases/login/login.usecase.js';
import { RegisterUseCase } from './usecases/register/register.usecase.js';
import {
  SeedAccountUseCase,
  type SeededAccount,
} from './usecases/seed-accounts/seed-account.usecase.js';
import { UsersHttpController } from './users.http.controller.js';

/**
 * Registration, login and account reads; seeds the configured accounts (admin, orders' service
 * account) once the app is up (after the migrations, which run while TypeORM connects).
 */
@Module({})
export class AccountsModule {
  static register(config: AuthConfig, seeded: readonly SeededAccount[]): DynamicModule {
    return {
      module: AccountsModule,
      imports: [TypeOrmModule.forFeature([UserEntity]), RateLimitModule.register(config)],
      controllers: [AccountsHttpController, UsersHttpController],
      providers: [
        UserRepository,
        PasswordHasher,
        LoginMetrics,
        RegisterUseCase,
        LoginUseCase,
        GetUserUseCase,
        SeedAccountUseCase,
        {
          provide: 'accounts:seeder',
          inject: [SeedAccountUseCase],
          useFactory: (seed: SeedAccountUseCase): OnApplicationBootstrap => ({
            onApplicationBootstrap: async () => {
              for (const account of seeded) await seed.execute(account);
            },
          }),
        },
      ],
    };
  }
}
