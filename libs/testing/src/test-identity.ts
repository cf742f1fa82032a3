import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Role } from '#identity';

export const TEST_ISSUER = 'http://auth.test';
export const TEST_AUDIENCE = 'saga-workspace';
/** orders' service account at the stand-in: its login answers a token with role `service`. */
export const TEST_SERVICE_ACCOUNT = {
  subject: 'orders-service',
  username: 'orders-service',
  password: 'orders-service-password',
} as const;
const TOKEN_TTL_SECONDS = 900;

export interface TestIdentity {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Env for an app that verifies tokens against this identity. */
  env: Record<string, string>;
  /** `env` and orders' service account, which logs in at this stand-in (AUTH_URL). */
  ordersEnv: Record<string, string>;
  /** A token as auth issues it; `username` (its `preferred_username`) defaults to `subject`. */
  token(
    subject: string,
    role?: Role,
    expiresIn?: string | number,
    username?: string,
  ): Promise<string>;
  /** A token of orders' service account, as its login gets one. */
  serviceToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stand-in for auth in tests of orders and payments: an ES256 key, its JWKS served over real
 * HTTP, signed tokens with the same claims auth issues, and auth's login route for orders'
 * service account only. (auth itself is tested apart.)
 */
export async function testIdentity(): Promise<TestIdentity> {
  const kid = `test-${randomUUID()}`;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const token: TestIdentity['token'] = (subject, role = 'customer', expiresIn = '15m', username) =>
    signToken(privateKey, kid, subject, role, expiresIn, username ?? subject);
  const serviceToken = () =>
    token(
      TEST_SERVICE_ACCOUNT.subject,
      'service',
      `${TOKEN_TTL_SECONDS}s`,
      TEST_SERVICE_ACCOUNT.username,
    );
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/v1/auth/login')
      return void login(req, res, serviceToken);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const jwksUrl = `http://127.0.0.1:${port}/.well-known/jwks.json`;
  const env = { AUTH_JWKS_URL: jwksUrl, JWT_ISSUER: TEST_ISSUER, JWT_AUDIENCE: TEST_AUDIENCE };
  return {
    jwksUrl,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    env,
    ordersEnv: {
      ...env,
      AUTH_URL: `http://127.0.0.1:${port}`,
      ORDERS_SERVICE_USERNAME: TEST_SERVICE_ACCOUNT.username,
      ORDERS_SERVICE_PASSWORD: TEST_SERVICE_ACCOUNT.password,
    },
    token,
    serviceToken,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** auth's login, for the service account alone: 200 with a bearer token, else 401. */
async function login(
  req: IncomingMessage,
  res: ServerResponse,
  serviceToken: () => Promise<string>,
) {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const { username, password } = parsed(body);
  res.setHeader('content-type', 'application/json');
  if (username !== TEST_SERVICE_ACCOUNT.username || password !== TEST_SERVICE_ACCOUNT.password) {
    res.statusCode = 401;
    return void res.end(JSON.stringify({ title: 'INVALID_CREDENTIALS', status: 401 }));
  }
  const accessToken = await serviceToken();
  res.end(
    JSON.stringify({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: TOKEN_TTL_SECONDS,
    }),
  );
}

function parsed(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
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
