import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { RateLimitedError } from '#platform';
import { LoginRateLimiter } from './login-rate-limiter.js';

function limiter(perUsername: number, perAddress: number, seconds = 60) {
  return new LoginRateLimiter(
    new RateLimiterMemory({ points: perUsername, duration: seconds }),
    new RateLimiterMemory({ points: perAddress, duration: seconds }),
  );
}

async function limited(attempt: Promise<void>, message: RegExp): Promise<number> {
  let wait = -1;
  await assert.rejects(attempt, (error: unknown) => {
    assert.ok(error instanceof RateLimitedError, String(error));
    assert.match(error.message, message);
    wait = error.retryAfterSeconds;
    return true;
  });
  return wait;
}

describe('LoginRateLimiter (in-process counters)', () => {
  it('refuses a username after its allowance, with the wait until the window ends', async () => {
    const limits = limiter(3, 100);
    for (let i = 0; i < 3; i += 1) await limits.acquire('alice', `10.0.0.${i}`);
    const wait = await limited(limits.acquire('alice', '10.0.0.9'), /this username/);
    assert.ok(wait > 0 && wait <= 60, `retry after ${wait}s`);
    await limits.acquire('bob', '10.0.0.9'); // other usernames are unaffected
  });

  it('refuses an address after its allowance, whatever usernames it tries', async () => {
    const limits = limiter(100, 3);
    for (const name of ['a', 'b', 'c']) await limits.acquire(name, '10.0.0.1');
    await limited(limits.acquire('d', '10.0.0.1'), /this address/);
    await limits.acquire('d', '10.0.0.2');
  });

  it('gives back the attempt of a successful login', async () => {
    const limits = limiter(2, 2);
    for (let i = 0; i < 5; i += 1) {
      await limits.acquire('alice', '10.0.0.1');
      await limits.release('alice', '10.0.0.1');
    }
    await limits.acquire('alice', '10.0.0.1');
  });

  it('lets attempts through again once the window has passed', async () => {
    const limits = limiter(1, 10, 1);
    await limits.acquire('alice', '10.0.0.1');
    await limited(limits.acquire('alice', '10.0.0.1'), /this username/);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await limits.acquire('alice', '10.0.0.1');
  });
});
