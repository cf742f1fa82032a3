import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import type { PostgresEndpoint } from '#platform';
import { startApp, type AppProcess } from '#testing';

/**
 * Starts auth on the test's database. Its rate-limit keys get a prefix of their own: with
 * REDIS_URL set (CI) every auth process of the run shares one Redis, and all logins in tests come
 * from 127.0.0.1, so shared counters would let one file's failures lock out another's.
 */
export function startAuth(
  postgres: PostgresEndpoint,
  env: Record<string, string> = {},
): Promise<AppProcess> {
  return startApp('auth', {
    env: {
      DATABASE_URL: postgres.url,
      RATE_LIMIT_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}`,
      ...env,
    },
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One HTTP call to a running auth process; `body` is sent as-is when it is a string. */
export async function call(
  app: AppProcess,
  method: 'GET' | 'POST',
  path: string,
  {
    body,
    token,
    headers = {},
  }: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(`http://127.0.0.1:${app.httpPort}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

export const register = (
  app: AppProcess,
  username: string,
  password: string,
  headers: Record<string, string> = {},
) => call(app, 'POST', '/v1/auth/register', { body: { username, password }, headers });

export const login = (
  app: AppProcess,
  username: string,
  password: string,
  headers: Record<string, string> = {},
) => call(app, 'POST', '/v1/auth/login', { body: { username, password }, headers });

/** Registers and logs in; returns the user id and access token. */
export async function customer(app: AppProcess, username: string, password = 'correct horse 1') {
  const registered = await register(app, username, password);
  if (registered.status !== 201) throw new Error(`register ${username}: ${registered.status}`);
  const loggedIn = await login(app, username, password);
  if (loggedIn.status !== 200) throw new Error(`login ${username}: ${loggedIn.status}`);
  return { id: registered.body.id as string, token: loggedIn.body.access_token as string };
}

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A signing key the test owns, so it can hand it to auth and also forge tokens with it. */
export async function testKey(kid: string, alg: 'ES256' | 'RS256' = 'ES256'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return {
    kid,
    privateKey,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg },
  };
}

export function decodeSegment(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString());
}
