import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export const TEST_ISSUER = 'http://auth.test';
export const TEST_AUDIENCE = 'saga-workspace';

export interface TestIdentity {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Env for an app that verifies tokens against this identity. */
  env: Record<string, string>;
  /** A token as auth issues it; `username` (its `preferred_username`) defaults to `subject`. */
  token(
    subject: string,
    role?: 'customer' | 'admin',
    expiresIn?: string | number,
    username?: string,
  ): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stand-in token issuer for tests of orders and payments: an ES256 key, its JWKS served over
 * real HTTP, and signed tokens with the same claims auth issues. (auth itself is tested apart.)
 */
export async function testIdentity(): Promise<TestIdentity> {
  const kid = `test-${randomUUID()}`;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const jwksUrl = `http://127.0.0.1:${port}/.well-known/jwks.json`;
  return {
    jwksUrl,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    env: { AUTH_JWKS_URL: jwksUrl, JWT_ISSUER: TEST_ISSUER, JWT_AUDIENCE: TEST_AUDIENCE },
    token: (subject, role = 'customer', expiresIn = '15m', username = subject) =>
      signToken(privateKey, kid, subject, role, expiresIn, username),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function signToken(
  key: CryptoKey,
  kid: string,
  subject: string,
  role: string,
  expiresIn: string | number,
  username: string,
): Promise<string> {
  return new SignJWT({ role, preferred_username: username })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .setSubject(subject)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}
