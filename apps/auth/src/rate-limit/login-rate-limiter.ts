import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { takePoint } from './take-point.js';

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
    await takePoint(this.byAddress, address, 'too many login attempts from this address');
    await takePoint(this.byUsername, username, 'too many login attempts for this username');
  }

  /** Returns the attempt of a successful login. */
  async release(username: string, address: string): Promise<void> {
    await Promise.all([this.byAddress.reward(address, 1), this.byUsername.reward(username, 1)]);
  }
}
