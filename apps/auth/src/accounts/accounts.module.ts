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
import { SeedAdminUseCase, type AdminAccount } from './usecases/seed-admin/seed-admin.usecase.js';
import { UsersHttpController } from './users.http.controller.js';

/**
 * Registration, login and account reads; seeds the configured admin once the app is up (after
 * the migrations, which run while TypeORM connects).
 */
@Module({})
export class AccountsModule {
  static register(config: AuthConfig, admin: AdminAccount | undefined): DynamicModule {
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
        SeedAdminUseCase,
        {
          provide: 'accounts:admin-seeder',
          inject: [SeedAdminUseCase],
          useFactory: (seed: SeedAdminUseCase): OnApplicationBootstrap => ({
            onApplicationBootstrap: () => (admin ? seed.execute(admin) : Promise.resolve()),
          }),
        },
      ],
    };
  }
}
