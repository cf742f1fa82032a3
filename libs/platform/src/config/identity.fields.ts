import { z } from 'zod';
import { httpUrl } from './fields.js';

/** How orders and payments find and check the auth service's tokens. */
export const identityFields = {
  AUTH_JWKS_URL: httpUrl.default('http://localhost:3001/.well-known/jwks.json'),
  /** Unset: the origin of AUTH_JWKS_URL, which is where auth runs (see withIssuerFromJwks). */
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).default('saga-workspace'),
};

/** auth names itself by its own origin, so a verifier expects the origin it fetches keys from. */
export function withIssuerFromJwks<T extends { AUTH_JWKS_URL: string; JWT_ISSUER?: string }>(
  config: T,
): T & { JWT_ISSUER: string } {
  return { ...config, JWT_ISSUER: config.JWT_ISSUER ?? new URL(config.AUTH_JWKS_URL).origin };
}
