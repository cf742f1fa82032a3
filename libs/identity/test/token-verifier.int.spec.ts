import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { UnauthenticatedError } from '../src/identity.errors.js';
import { TokenVerifier } from '../src/token-verifier.js';

const ISSUER = 'http://auth.test';
const AUDIENCE = 'saga-workspace';

interface Key {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
}

function sign(
  key: Key,
  claims: Record<string, unknown> = {},
  expiresIn: string | number = '15m',
  { issuer = ISSUER, audience = AUDIENCE } = {},
) {
  return new SignJWT({ role: 'customer', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject('user-1')
    .setJti('jti-1')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key.privateKey);
}

async function refused(verifier: TokenVerifier, token: string, reason: RegExp) {
  await assert.rejects(verifier.verify(token), (error: unknown) => {
    assert.ok(
      error instanceof UnauthenticatedError,
      `expected UnauthenticatedError, got ${String(error)}`,
    );
    assert.match(error.reason, reason);
    return true;
  });
}

describe('TokenVerifier against a served JWKS', () => {
  let server: Server;
  let published: JWK[] = [];
  let fetches = 0;
  let current: Key;
  let verifier: TokenVerifier;

  before(async () => {
    current = await newKey('k1');
    published = [current.publicJwk];
    server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    verifier = new TokenVerifier({
      jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      issuer: ISSUER,
      audience: AUDIENCE,
      refetchCooldownMs: 50,
    });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a valid ES256 token and exposes subject and role', async () => {
    const caller = await verifier.verify(await sign(current, { role: 'admin' }));
    assert.deepEqual([caller.subject, caller.role, caller.tokenId], ['user-1', 'admin', 'jti-1']);
  });

  it('refuses alg:none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: 'k1' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        iss: ISSUER,
        aud: AUDIENCE,
        sub: 'x',
        jti: 'j',
        role: 'admin',
        iat: 1,
        exp: 9e9,
      }),
    ).toString('base64url');
    await refused(verifier, `${header}.${body}.`, /algorithm|invalid/);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(current.publicJwk));
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await refused(verifier, token, /algorithm not allowed/);
  });

  it('refuses a wrong audience and a wrong issuer', async () => {
    const wrongAudience = await sign(current, {}, '5m', { audience: 'someone-else' });
    await refused(verifier, wrongAudience, /claim "aud"/);
    const wrongIssuer = await sign(current, {}, '5m', { issuer: 'http://evil.test' });
    await refused(verifier, wrongIssuer, /claim "iss"/);
  });

  it('refuses an expired token', async () => {
    await refused(verifier, await sign(current, {}, Math.floor(Date.now() / 1000) - 60), /expired/);
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await sign(current)).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        iss: ISSUER,
        aud: AUDIENCE,
        sub: 'x',
        jti: 'j',
        role: 'admin',
        iat: 1,
        exp: 9e9,
      }),
    ).toString('base64url');
    await refused(verifier, `${header}.${forged}.${signature}`, /invalid access token/);
  });

  it('refuses a token without a known role', async () => {
    await refused(verifier, await sign(current, { role: 'root' }), /role/);
  });

  it('refetches the JWKS for an unknown kid (rotation) and still refuses a kid never published', async () => {
    const rotated = await newKey('k2');
    published = [current.publicJwk, rotated.publicJwk];
    await new Promise((resolve) => setTimeout(resolve, 60)); // past the refetch cooldown
    const before = fetches;
    const caller = await verifier.verify(await sign(rotated));
    assert.equal(caller.subject, 'user-1');
    assert.ok(fetches > before, 'the verifier fetched the key set again');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const stranger = await newKey('k-unknown');
    await refused(verifier, await sign(stranger), /unknown key/);
  });
});

describe('TokenVerifier’s memory of verified tokens', () => {
  let key: Key;
  let lookups = 0;
  const countingKeys = (cacheSize?: number) =>
    new TokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      cacheSize,
      keys: () => {
        lookups += 1;
        return importJWK(key.publicJwk, 'ES256');
      },
    });

  before(async () => {
    key = await newKey('k1');
  });

  it('checks a token’s signature once and answers the same caller after that', async () => {
    const verifier = countingKeys();
    const token = await sign(key, { role: 'admin' });
    const start = lookups;
    const first = await verifier.verify(token);
    const again = await verifier.verify(token);
    assert.equal(lookups - start, 1);
    assert.deepEqual(again, first);
  });

  it('checks every time when the memory is turned off', async () => {
    const verifier = countingKeys(0);
    const token = await sign(key);
    const start = lookups;
    await verifier.verify(token);
    await verifier.verify(token);
    assert.equal(lookups - start, 2);
  });

  it('never remembers a refused token', async () => {
    const verifier = countingKeys();
    const token = await sign(key, { role: 'root' });
    await refused(verifier, token, /role/);
    await refused(verifier, token, /role/);
  });

  it('stops accepting a remembered token once it expires', async () => {
    const verifier = countingKeys();
    // `exp` is in whole seconds: 2 s ahead leaves at least one to verify it while still valid.
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await sign(key, {}, exp);
    await verifier.verify(token);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    await refused(verifier, token, /expired/);
  });
});
