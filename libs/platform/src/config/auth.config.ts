import { z } from 'zod';
import {
  common,
  flag,
  port,
  positiveInt,
  postgresUrl,
  redisUrl,
  requireInProduction,
} from './fields.js';

export const authConfigSchema = z
  .object({
    ...common,
    HTTP_PORT: port(3001),
    DATABASE_URL: postgresUrl.optional(),
    REDIS_URL: redisUrl.optional(),
    DATA_DIR: z.string().min(1).default('.data/auth'),
    JWT_ISSUER: z.string().min(1).default('http://localhost:3001'),
    JWT_AUDIENCE: z.string().min(1).default('saga-workspace'),
    /** Private signing keys as a JSON array of JWKs (each with `kid`); the last one signs. */
    JWT_PRIVATE_JWKS: z.string().min(1).optional(),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt(900),
    ADMIN_USERNAME: z.string().min(3).max(64).optional(),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
    /** orders' service account (role `service`), the same variables orders logs in with. */
    ORDERS_SERVICE_USERNAME: z.string().min(3).max(64).optional(),
    ORDERS_SERVICE_PASSWORD: z
      .string()
      .min(12, 'must be at least 12 characters')
      .max(256)
      .optional(),
    LOGIN_LIMIT_PER_USERNAME: positiveInt(5),
    LOGIN_LIMIT_PER_ADDRESS: positiveInt(20),
    LOGIN_LIMIT_WINDOW_SECONDS: positiveInt(60),
    /** Registrations per client address: each costs an argon2id hash, so it is a DoS lever. */
    REGISTER_LIMIT_PER_ADDRESS: positiveInt(30),
    REGISTER_LIMIT_WINDOW_SECONDS: positiveInt(600),
    /** Prefix of the rate-limit keys in Redis, so several stacks (or tests) can share one. */
    RATE_LIMIT_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 of letters, digits, : _ -')
      .default('auth:login'),
    TRUST_PROXY: flag,
  })
  .superRefine(
    requireInProduction(['DATABASE_URL', 'REDIS_URL', 'JWT_PRIVATE_JWKS', 'BIND_ADDRESS']),
  )
  .superRefine(setTogether('ADMIN_USERNAME', 'ADMIN_PASSWORD'))
  .superRefine(setTogether('ORDERS_SERVICE_USERNAME', 'ORDERS_SERVICE_PASSWORD'));

/** A half-configured account would silently not be seeded. */
function setTogether(username: string, password: string) {
  return (config: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if ((config[username] === undefined) !== (config[password] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [config[username] === undefined ? username : password],
        message: `${username} and ${password} are set together or not at all`,
      });
    }
  };
}

export type AuthConfig = z.infer<typeof authConfigSchema>;
