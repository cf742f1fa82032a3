import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimitedError } from '#platform';
import type { TokenIssuer } from '../../../keys/token-issuer.js';
import type { LoginRateLimiter } from '../../../rate-limit/login-rate-limiter.js';
import { InvalidCredentialsError } from '../../domain/accounts.errors.js';
import type { User } from '../../domain/user.js';
import type { LoginMetrics } from '../../login.metrics.js';
import type { PasswordHasher } from '../../password-hasher.js';
import type { UserRepository } from '../../persistence/user.repository.js';
import { LoginUseCase } from './login.usecase.js';

const alice: User = {
  id: 'u-alice',
  username: 'alice',
  role: 'customer',
  passwordHash: 'hash-of:right',
  createdAt: new Date(0),
};

/** The use case with in-memory fakes; `calls` records what reached each collaborator. */
function loginWith({ limited = false } = {}) {
  const calls: string[] = [];
  const users = {
    findByUsername: async (name: string) => (
      calls.push(`find ${name}`),
      name === 'alice' ? alice : null
    ),
  } as unknown as UserRepository;
  const hasher = {
    verify: async (hash: string | undefined, password: string) => {
      calls.push(`verify ${hash ?? 'decoy'}`);
      return hash === `hash-of:${password}`;
    },
  } as unknown as PasswordHasher;
  const issuer = {
    issue: async (subject: string, role: string) => ({ access_token: `${subject}/${role}` }),
  } as unknown as TokenIssuer;
  const limiter = {
    acquire: async () => {
      calls.push('acquire');
      if (limited) throw new RateLimitedError('too many', 30);
    },
    release: async () => void calls.push('release'),
  } as unknown as LoginRateLimiter;
  const metrics = {
    record: (outcome: string) => void calls.push(`metric ${outcome}`),
  } as unknown as LoginMetrics;
  return { calls, login: new LoginUseCase(users, hasher, issuer, limiter, metrics) };
}

describe('LoginUseCase', () => {
  it('issues a token for the right password and gives the attempt back', async () => {
    const { calls, login } = loginWith();
    const token = await login.execute({ username: 'alice', password: 'right' }, '10.0.0.1');
    assert.equal(token.access_token, 'u-alice/customer');
    assert.deepEqual(calls, [
      'acquire',
      'find alice',
      'verify hash-of:right',
      'release',
      'metric success',
    ]);
  });

  it('runs an unknown user through the same argon2 check and fails it the same way', async () => {
    const wrong = loginWith();
    const unknown = loginWith();
    const errors = await Promise.all([
      wrong.login.execute({ username: 'alice', password: 'wrong' }, 'a').catch((e: unknown) => e),
      unknown.login.execute({ username: 'mallory', password: 'x' }, 'a').catch((e: unknown) => e),
    ]);
    for (const error of errors) assert.ok(error instanceof InvalidCredentialsError);
    assert.deepEqual(
      errors.map((e) => (e as Error).message),
      ['invalid username or password', 'invalid username or password'],
    );
    assert.deepEqual(wrong.calls.slice(2), ['verify hash-of:right', 'metric invalid_credentials']);
    assert.deepEqual(unknown.calls.slice(2), ['verify decoy', 'metric invalid_credentials']);
  });

  it('refuses a rate-limited attempt before looking anything up', async () => {
    const { calls, login } = loginWith({ limited: true });
    await assert.rejects(
      login.execute({ username: 'alice', password: 'right' }, 'a'),
      RateLimitedError,
    );
    assert.deepEqual(calls, ['acquire', 'metric rate_limited']);
  });
});
