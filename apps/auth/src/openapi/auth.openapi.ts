import { z } from 'zod';
import { ROLES } from '#identity';
import { BEARER, body, json, openApiDocument, problem, type OpenApiDocument } from '#platform';
import { userPath } from '../accounts/users.http.controller.js';
import { loginCommand } from '../accounts/usecases/login/login.command.js';
import { registerCommand } from '../accounts/usecases/register/register.command.js';

// Every route of auth in one place. Request schemas are the ones the handlers parse with;
// response schemas describe what they send, and apps/auth/test/openapi.spec.ts holds real
// responses against them.

const userProfile = z
  .strictObject({
    id: z.uuid(),
    username: z.string(),
    role: z.enum(ROLES),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'UserProfile' });

const accessToken = z
  .strictObject({
    access_token: z.string().meta({ description: 'A JWT: send it as Authorization: Bearer …' }),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().meta({ description: 'seconds' }),
  })
  .meta({ id: 'AccessToken' });

const publicJwk = z.strictObject({
  kty: z.enum(['EC', 'RSA']),
  kid: z.string(),
  alg: z.enum(['ES256', 'RS256']),
  use: z.literal('sig'),
  crv: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
  n: z.string().optional(),
  e: z.string().optional(),
});

const rateLimited = problem('too many attempts from this address or for this username');

export function authOpenApi(): OpenApiDocument {
  return openApiDocument({
    title: 'auth',
    description: 'Accounts and access tokens (JWT, ES256/RS256 with kid) for orders and payments.',
    tags: [
      { name: 'accounts', description: 'registration, sign-in and account data' },
      { name: 'keys', description: 'the public keys tokens are verified with' },
    ],
    paths: {
      '/v1/auth/register': {
        post: {
          tags: ['accounts'],
          summary: 'Register a customer account',
          requestBody: body(registerCommand),
          responses: {
            201: json(userProfile, 'the new account'),
            400: problem('malformed body, weak password or unknown field'),
            409: problem('USERNAME_TAKEN'),
            429: rateLimited,
          },
        },
      },
      '/v1/auth/login': {
        post: {
          tags: ['accounts'],
          summary: 'Sign in: an access token for 15 minutes',
          requestBody: body(loginCommand),
          responses: {
            200: json(accessToken, 'signed in'),
            400: problem('malformed body'),
            401: problem('INVALID_CREDENTIALS'),
            429: rateLimited,
          },
        },
      },
      '/v1/auth/me': {
        get: {
          tags: ['accounts'],
          summary: 'The caller’s own account',
          security: BEARER,
          responses: {
            200: json(userProfile, 'the account'),
            401: problem('missing or invalid token'),
          },
        },
      },
      '/v1/auth/users/{id}': {
        get: {
          tags: ['accounts'],
          summary: 'An account by id: one’s own, or any for an admin',
          description: 'Another customer’s account answers 404, as an unknown one does.',
          security: BEARER,
          requestParams: { path: userPath },
          responses: {
            200: json(userProfile, 'the account'),
            400: problem('id is not a UUID'),
            401: problem('missing or invalid token'),
            404: problem('USER_NOT_FOUND'),
          },
        },
      },
      '/.well-known/jwks.json': {
        get: {
          tags: ['keys'],
          summary: 'The public signing keys (JWKS), newest last',
          responses: {
            200: json(z.strictObject({ keys: z.array(publicJwk) }).meta({ id: 'JwkSet' }), 'keys'),
          },
        },
      },
    },
  });
}
