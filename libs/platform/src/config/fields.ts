import { z } from 'zod';

/** Reusable environment fields; every app schema is built from these. */
export const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be an integer port')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

export const nodeEnv = z
  .enum(['development', 'production', 'test'], {
    error: 'must be one of development, production, test',
  })
  .default('development');

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  .default('info');

const urlWithProtocols = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

export const postgresUrl = urlWithProtocols(
  ['postgres:', 'postgresql:'],
  'postgres://user:password@host:5432/database',
);
export const mongoUrl = urlWithProtocols(
  ['mongodb:', 'mongodb+srv:'],
  'mongodb://host:27017/database',
);
export const redisUrl = urlWithProtocols(['redis:', 'rediss:'], 'redis://host:6379');
export const httpUrl = urlWithProtocols(['http:', 'https:'], 'http://host:3001/path');

/** host:port as gRPC clients take it. */
export const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port, e.g. localhost:50052');

export const positiveInt = (fallback: number) =>
  z.coerce.number().int('must be an integer').positive('must be positive').default(fallback);

export const nonNegativeInt = (fallback: number) =>
  z.coerce.number().int('must be an integer').nonnegative('must be 0 or more').default(fallback);

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration as milliseconds: "500ms", "90s", "30m", "6h", "2d", or a bare number of ms. */
export const duration = (fallback: string) =>
  z
    .string()
    .regex(/^\d+(ms|s|m|h|d)?$/, 'must be a duration like 500ms, 90s, 30m, 6h or 2d')
    .default(fallback)
    .transform((value) => {
      const [, amount, unit] = /^(\d+)(ms|s|m|h|d)?$/.exec(value)!;
      return Number(amount) * UNIT_MS[(unit ?? 'ms') as keyof typeof UNIT_MS];
    })
    .refine((ms) => ms > 0, 'must be longer than 0');

/** "true"/"false"/"1"/"0" flags; anything else is refused rather than guessed. */
export const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/**
 * The address every listener (HTTP and gRPC) binds to. Unset, an app binds to the loopback, so a
 * laptop's services are not reachable from its network; containers set 0.0.0.0 (docker/, k8s/),
 * and production must say which (requireInProduction) rather than be silently unreachable.
 */
export const bindAddress = z
  .union([z.ipv4(), z.ipv6()], {
    error: 'must be an IP address to listen on, like 127.0.0.1, 0.0.0.0 or ::',
  })
  .optional();

export const LOOPBACK = '127.0.0.1';

export const common = {
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  BIND_ADDRESS: bindAddress,
  /** Health (libs/platform HealthModule): readiness pings, liveness of a store that is down. */
  STORE_PING_TIMEOUT_MS: positiveInt(2_000),
  STORE_PROBE_INTERVAL_MS: positiveInt(5_000),
  STORE_DOWN_LIVENESS_MS: positiveInt(60_000),
};

/** A flag whose default depends on the environment: unset stays undefined for the app to decide. */
export const optionalFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1'));

/** Adds an issue when a production deployment leaves a required variable unset. */
export function requireInProduction<T extends { NODE_ENV: string }>(
  names: (keyof T & string)[],
): (config: T, ctx: z.RefinementCtx) => void {
  return (config, ctx) => {
    if (config.NODE_ENV !== 'production') return;
    for (const name of names) {
      if (config[name] === undefined || config[name] === '') {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is required when NODE_ENV=production',
        });
      }
    }
  };
}
