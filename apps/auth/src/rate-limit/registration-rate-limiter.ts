import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { takePoint } from './take-point.js';

/**
 * Registrations per client address. Each one hashes a password with argon2id (tens of
 * milliseconds of CPU), so unlimited registration would let one client keep auth busy.
 */
export class RegistrationRateLimiter {
  constructor(private readonly byAddress: RateLimiterAbstract) {}

  /** Takes one registration for the address, or throws RateLimitedError with the wait. */
  async acquire(address: string): Promise<void> {
    await takePoint(this.byAddress, address, 'too many registrations from this address');
  }
}
