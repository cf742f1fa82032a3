import { z } from 'zod';
import { httpUrl } from './fields.js';

/** How orders and payments find and check the auth service's tokens. */
export const identityFields = {
  AUTH_JWKS_URL: httpUrl.default('http://localhost:3001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().min(1).default('http://localhost:3001'),
  JWT_AUDIENCE: z.string().min(1).default('saga-workspace'),
};
