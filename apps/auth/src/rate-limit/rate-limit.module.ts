import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { AuthConfig } from '#platform';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { RegistrationRateLimiter } from './registration-rate-limiter.js';

/**
 * Counters in Redis when REDIS_URL is set, so limits hold across replicas; in memory otherwise
 * (development). If Redis fails mid-flight, an in-memory limiter stands in rather than letting
 * logins through unlimited or failing them all.
 */
@Module({})
export class RateLimitModule {
  static register(config: AuthConfig): DynamicModule {
    const redis = config.REDIS_URL ? connect(config.REDIS_URL) : undefined;
    const limiter = (name: string, points: number, duration: number) => {
      const options = { keyPrefix: `${config.RATE_LIMIT_KEY_PREFIX}:${name}`, points, duration };
      const memory = new RateLimiterMemory(options);
      if (!redis) return memory;
      return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory });
    };
    const window = config.LOGIN_LIMIT_WINDOW_SECONDS;
    const loginLimiter = new LoginRateLimiter(
      limiter('user', config.LOGIN_LIMIT_PER_USERNAME, window),
      limiter('addr', config.LOGIN_LIMIT_PER_ADDRESS, window),
    );
    const registrationLimiter = new RegistrationRateLimiter(
      limiter(
        'register-addr',
        config.REGISTER_LIMIT_PER_ADDRESS,
        config.REGISTER_LIMIT_WINDOW_SECONDS,
      ),
    );
    return {
      module: RateLimitModule,
      providers: [
        { provide: LoginRateLimiter, useValue: loginLimiter },
        { provide: RegistrationRateLimiter, useValue: registrationLimiter },
        {
          provide: 'rate-limit:redis-shutdown',
          useValue: { onApplicationShutdown: () => redis?.quit().catch(() => redis.disconnect()) },
        },
      ],
      exports: [LoginRateLimiter, RegistrationRateLimiter],
    };
  }
}

function connect(url: string): Redis {
  const logger = new Logger('RateLimit');
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let reported = false;
  // Without a listener an unreachable Redis would crash the process; log once per outage.
  redis.on('error', (error: Error) => {
    if (!reported) logger.warn(`Redis unavailable, using in-memory login limits: ${error.message}`);
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  return redis;
}
