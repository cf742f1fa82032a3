import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { TokenVerifier, UnauthenticatedError } from '#identity';
import type { PostgresEndpoint } from '#platform';
import { testPostgres, type AppProcess } from '#testing';
import { call, customer, decodeSegment, startAuth, type TestKey, testKey } from './auth-http.js';

const ISSUER = 'http://auth.e2e';
const AUDIENCE = 'saga-e2e';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * auth runs with keys the test owns (a retired RS256 key, published only, and the current ES256
 * key), so the test can forge every kind of bad token and check both the shared verifier reading
 * the published JWKS and auth's own guard over HTTP refuse it.
 */
describe('tokens refused by the JWKS verifier and the HTTP guard', () => {
  let postgres: PostgresEndpoint;
  let app: AppProcess;
  let verifier: TokenVerifier;
  let retired: TestKey;
  let current: TestKey;
  let user: { id: string; token: string };

  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: user.id,
    role: 'customer',
    jti: 'forged-jti',
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 600,
    ...overrides,
  });
  const sign = (key: TestKey, overrides: Record<string, unknown> = {}) =>
    new SignJWT(claims(overrides))
      .setProtectedHeader({ alg: key.publicJwk.alg!, kid: key.kid })
      .sign(key.privateKey);

  async function accepted(token: string) {
    assert.equal((await verifier.verify(token)).subject, user.id);
    assert.equal((await call(app, 'GET', '/v1/auth/me', { token })).status, 200);
  }

  async function refused(token: string, reason: RegExp) {
    await assert.rejects(verifier.verify(token), (error: unknown) => {
      assert.ok(error instanceof UnauthenticatedError, String(error));
      assert.match(error.reason, reason);
      return true;
    });
    const reply = await call(app, 'GET', '/v1/auth/me', { token });
    assert.deepEqual([reply.status, reply.body.title], [401, 'UNAUTHENTICATED']);
    assert.match(reply.body.detail as string, reason);
  }

  before(async () => {
    retired = await testKey('2025-rsa', 'RS256');
    current = await testKey('2026-ec');
    postgres = await testPostgres();
    app = await startAuth(postgres, {
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      JWT_PRIVATE_JWKS: JSON.stringify([retired.publicJwk, current.privateJwk]),
    });
    verifier = new TokenVerifier({
      jwksUrl: `http://127.0.0.1:${app.httpPort}/.well-known/jwks.json`,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    user = await customer(app, 'grace');
  });
  after(async () => {
    await app?.stop();
    await postgres?.close();
  });

  it('publishes both keys, signs with the newest and still accepts the retired one', async () => {
    const jwks = await call(app, 'GET', '/.well-known/jwks.json');
    const keys = jwks.body.keys as { kid: string; alg: string; d?: string }[];
    assert.deepEqual(
      keys.map((k) => [k.kid, k.alg]),
      [
        ['2025-rsa', 'RS256'],
        ['2026-ec', 'ES256'],
      ],
    );
    assert.ok(keys.every((k) => k.d === undefined));
    assert.equal(decodeSegment(user.token, 0).kid, '2026-ec');
    await accepted(user.token);
    await accepted(await sign(current));
    await accepted(await sign(retired)); // issued before the rotation, valid until it expires
  });

  it('refuses alg "none"', async () => {
    await refused(
      `${b64({ alg: 'none', kid: current.kid })}.${b64(claims())}.`,
      /invalid|algorithm/,
    );
  });

  it('refuses HS256 tokens keyed with the published public key (algorithm confusion)', async () => {
    const pem = createPublicKey({ key: retired.publicJwk, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    for (const [kid, secret] of [
      [retired.kid, pem],
      [current.kid, JSON.stringify(current.publicJwk)],
    ] as const) {
      const forged = await new SignJWT(claims({ role: 'admin' }))
        .setProtectedHeader({ alg: 'HS256', kid })
        .sign(new TextEncoder().encode(secret));
      await refused(forged, /algorithm not allowed/);
    }
  });

  it('refuses a wrong audience, a wrong issuer and an expired token', async () => {
    await refused(await sign(current, { aud: 'another-service' }), /claim "aud"/);
    await refused(await sign(current, { iss: 'http://evil.example' }), /claim "iss"/);
    const past = Math.floor(Date.now() / 1000) - 120;
    await refused(await sign(current, { iat: past - 900, exp: past }), /expired/);
  });

  it('refuses a real token whose payload was changed', async () => {
    const [header, , signature] = user.token.split('.');
    const promoted = { ...decodeSegment(user.token, 1), role: 'admin' };
    await refused(`${header}.${b64(promoted)}.${signature}`, /invalid access token/);
  });

  it('refuses an unknown kid, and a known kid signed by another key', async () => {
    const stranger = await testKey('never-published');
    await refused(await sign(stranger), /unknown key/);
    const impostor = { ...stranger, kid: current.kid };
    await refused(await sign(impostor), /invalid access token/);
  });
});
