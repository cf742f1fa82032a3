import { Injectable } from '@nestjs/common';
import { InvalidCredentialsError } from '../../domain/accounts.errors.js';
import { PasswordHasher } from '../../password-hasher.js';
import { UserRepository } from '../../persistence/user.repository.js';
import { TokenIssuer, type AccessToken } from '../../../keys/token-issuer.js';
import { LoginRateLimiter } from '../../../rate-limit/login-rate-limiter.js';
import { LoginMetrics } from '../../login.metrics.js';
import type { LoginCommand } from './login.command.js';

/**
 * Checks a username and password and issues an access token. An unknown user and a wrong
 * password go down the same path (one lookup, one argon2 verification) to the same error.
 */
@Injectable()
export class LoginUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly issuer: TokenIssuer,
    private readonly limiter: LoginRateLimiter,
    private readonly metrics: LoginMetrics,
  ) {}

  async execute(command: LoginCommand, clientAddress: string): Promise<AccessToken> {
    try {
      await this.limiter.acquire(command.username, clientAddress);
    } catch (error) {
      this.metrics.record('rate_limited');
      throw error;
    }
    const user = await this.users.findByUsername(command.username);
    const valid = await this.hasher.verify(user?.passwordHash, command.password);
    if (!user || !valid) {
      this.metrics.record('invalid_credentials');
      throw new InvalidCredentialsError();
    }
    await this.limiter.release(command.username, clientAddress);
    this.metrics.record('success');
    return this.issuer.issue(user.id, user.role, user.username);
  }
}
