import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { profileOf, type UserProfile } from '../../domain/user.js';
import { PasswordHasher } from '../../password-hasher.js';
import { UserRepository } from '../../persistence/user.repository.js';
import { RegistrationRateLimiter } from '../../../rate-limit/registration-rate-limiter.js';
import type { RegisterCommand } from './register.command.js';

/** Creates a customer account. The role is never the caller's choice. */
@Injectable()
export class RegisterUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RegistrationRateLimiter,
  ) {}

  /** `clientAddress` is limited before any hashing: a refused registration costs nothing. */
  async execute(command: RegisterCommand, clientAddress: string): Promise<UserProfile> {
    await this.limiter.acquire(clientAddress);
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
