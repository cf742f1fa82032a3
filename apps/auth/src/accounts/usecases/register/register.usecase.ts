import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { profileOf, type UserProfile } from '../../domain/user.js';
import { PasswordHasher } from '../../password-hasher.js';
import { UserRepository } from '../../persistence/user.repository.js';
import type { RegisterCommand } from './register.command.js';

/** Creates a customer account. The role is never the caller's choice. */
@Injectable()
export class RegisterUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(command: RegisterCommand): Promise<UserProfile> {
    const user = {
      id: randomUUID(),
      username: command.username,
      role: 'customer' as const,
      passwordHash: await this.hasher.hash(command.password),
      createdAt: new Date(),
    };
    await this.users.insert(user);
    return profileOf(user);
  }
}
