import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '#platform';

/**
 * Login attempts per username and per client address. Every attempt takes a point up front (so
 * parallel guesses cannot slip through between check and count) and a successful login gives
 * its points back: only failures add up, and the owner of an account is not locked out by
 * logging in often.
 */
export class LoginRateLimiter {
  constructor(
    private readonly byUsername: RateLimiterAbstract,
    private readonly byAddress: RateLimiterAbstract,
  ) {}

  /** Takes one attempt for both keys, or throws RateLimitedError with the wait. */
  async acquire(username: string, address: string): Promise<void> {
    await take(this.byAddress, address, 'too many login attempts from this address');
    await take(this.byUsername, username, 'too many login attempts for this username');
  }

  /** Returns the attempt of a successful login. */
  async release(username: string, address: string): Promise<void> {
    await Promise.all([this.byAddress.reward(address, 1), this.byUsername.reward(username, 1)]);
  }
}

async function take(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(`${message}; try again later`, rejection.msBeforeNext / 1000);
    }
    throw rejection;
  }
}
