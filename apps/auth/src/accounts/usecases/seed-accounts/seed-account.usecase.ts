import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Role } from '#identity';
import { PasswordHasher } from '../../password-hasher.js';
import { UserRepository } from '../../persistence/user.repository.js';
import { UsernameTakenError } from '../../domain/accounts.errors.js';

/** An account that configuration, not registration, makes: the admin, orders' service account. */
export interface SeededAccount {
  username: string;
  password: string;
  role: Extract<Role, 'admin' | 'service'>;
}

/**
 * Makes a configured account exist with the configured password and role. Configuration wins: an
 * account of that name (even one a customer registered first) gets that role and password, so
 * whoever held it before loses it.
 */
@Injectable()
export class SeedAccountUseCase {
  private readonly logger = new Logger('SeedAccount');

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(account: SeededAccount): Promise<void> {
    const existing = await this.users.findByUsername(account.username);
    if (!existing) {
      try {
        await this.users.insert({
          id: randomUUID(),
          username: account.username,
          role: account.role,
          passwordHash: await this.hasher.hash(account.password),
          createdAt: new Date(),
        });
        this.logger.log(`${account.role} "${account.username}" created`);
        return;
      } catch (error) {
        // Another replica seeded it first: fall through and check what it wrote.
        if (!(error instanceof UsernameTakenError)) throw error;
        return this.execute(account);
      }
    }
    const current = await this.hasher.verify(existing.passwordHash, account.password);
    if (existing.role === account.role && current) return;
    if (existing.role !== account.role) {
      this.logger.warn(
        `account "${account.username}" made ${account.role} (was ${existing.role}) by configuration`,
      );
    }
    await this.users.update(existing.id, {
      role: account.role,
      passwordHash: current ? existing.passwordHash : await this.hasher.hash(account.password),
    });
  }
}
