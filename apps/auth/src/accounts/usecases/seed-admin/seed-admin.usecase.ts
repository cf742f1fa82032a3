import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { PasswordHasher } from '../../password-hasher.js';
import { UserRepository } from '../../persistence/user.repository.js';
import { UsernameTakenError } from '../../domain/accounts.errors.js';

export interface AdminAccount {
  username: string;
  password: string;
}

/**
 * Makes the configured admin exist with the configured password. Configuration wins: an account
 * of that name (even one a customer registered first) becomes admin and gets that password, so
 * whoever held it before loses it.
 */
@Injectable()
export class SeedAdminUseCase {
  private readonly logger = new Logger('SeedAdmin');

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(admin: AdminAccount): Promise<void> {
    const existing = await this.users.findByUsername(admin.username);
    if (!existing) {
      try {
        await this.users.insert({
          id: randomUUID(),
          username: admin.username,
          role: 'admin',
          passwordHash: await this.hasher.hash(admin.password),
          createdAt: new Date(),
        });
        this.logger.log(`admin "${admin.username}" created`);
        return;
      } catch (error) {
        // Another replica seeded it first: fall through and check what it wrote.
        if (!(error instanceof UsernameTakenError)) throw error;
        return this.execute(admin);
      }
    }
    const current = await this.hasher.verify(existing.passwordHash, admin.password);
    if (existing.role === 'admin' && current) return;
    if (existing.role !== 'admin') {
      this.logger.warn(`account "${admin.username}" promoted to admin by configuration`);
    }
    await this.users.update(existing.id, {
      role: 'admin',
      passwordHash: current ? existing.passwordHash : await this.hasher.hash(admin.password),
    });
  }
}
