import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '#platform';

/** Takes one point for `key`, or throws RateLimitedError saying how long to wait. */
export async function takePoint(
  limiter: RateLimiterAbstract,
  key: string,
  message: string,
): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(`${message}; try again later`, rejection.msBeforeNext / 1000);
    }
    throw rejection;
  }
}
