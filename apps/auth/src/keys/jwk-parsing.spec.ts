import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { ConfigError } from '#platform';
import { parsePrivateJwks } from './jwk-parsing.js';

async function privateJwk(alg: 'ES256' | 'RS256', kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
}

function publicOnly({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest }: JWK): JWK {
  return rest;
}

async function refused(raw: string, reason: RegExp, secret?: string) {
  await assert.rejects(parsePrivateJwks(raw), (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    assert.match(error.message, /JWT_PRIVATE_JWKS: /);
    assert.match(error.message, reason);
    if (secret) assert.ok(!error.message.includes(secret), 'key material must not be echoed');
    return true;
  });
}

describe('parsePrivateJwks', () => {
  it('publishes every key without private members and signs with the last one', async () => {
    const retired = await privateJwk('RS256', 'rsa-2025');
    const current = await privateJwk('ES256', 'ec-2026');
    const { signer, publicJwks } = await parsePrivateJwks(
      JSON.stringify([publicOnly(retired), current]),
    );
    assert.deepEqual(
      publicJwks.map((jwk) => [jwk.kid, jwk.alg, jwk.use]),
      [
        ['rsa-2025', 'RS256', 'sig'],
        ['ec-2026', 'ES256', 'sig'],
      ],
    );
    assert.ok(
      publicJwks.every((jwk) => !('d' in jwk)),
      'no private member is published',
    );
    assert.deepEqual([signer.kid, signer.alg], ['ec-2026', 'ES256']);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .sign(signer.privateKey);
    await jwtVerify(token, async () => publicJwks[1]!, { algorithms: ['ES256'] });
  });

  it('accepts the { "keys": [...] } form of a JWK set', async () => {
    const key = await privateJwk('ES256', 'k1');
    const { signer } = await parsePrivateJwks(JSON.stringify({ keys: [key] }));
    assert.equal(signer.kid, 'k1');
  });

  it('refuses what is not a non-empty JSON list of JWKs', async () => {
    await refused('not json', /JSON array/);
    await refused('[]', /non-empty/);
    await refused('[1]', /JWK object/);
  });

  it('refuses keys without a kid, or with the same kid twice', async () => {
    const key = await privateJwk('ES256', 'k1');
    await refused(JSON.stringify([{ ...key, kid: undefined }]), /kid/, key.d);
    await refused(JSON.stringify([key, key]), /appears twice/, key.d);
  });

  it('refuses a last key that cannot sign', async () => {
    const key = await privateJwk('ES256', 'k1');
    await refused(JSON.stringify([publicOnly(key)]), /must be a private key/);
  });

  it('refuses symmetric keys, short RSA keys and an alg that does not fit', async () => {
    await refused(JSON.stringify([{ kty: 'oct', k: 'c2VjcmV0', kid: 'h' }]), /EC P-256.*RSA/);
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'jwk',
    });
    await refused(JSON.stringify([{ ...short, kid: 'r' }]), /2048 bits/);
    const key = await privateJwk('ES256', 'k1');
    await refused(JSON.stringify([{ ...key, alg: 'HS256' }]), /does not fit/, key.d);
  });

  it("refuses a private key carrying another key's public members", async () => {
    const ec = [await privateJwk('ES256', 'e'), await privateJwk('ES256', 'e')] as const;
    const mixedEc = { ...ec[0], x: ec[1].x, y: ec[1].y };
    await refused(JSON.stringify([mixedEc]), /not a valid ES256 private key/, ec[0].d);
    const rsa = [await privateJwk('RS256', 'r'), await privateJwk('RS256', 'r')] as const;
    // Node 24.22's WebCrypto already refuses the mixed RSA key at import; older ones let it
    // through to the pair check. Either way it is refused, and named.
    const mixedRsa = JSON.stringify([{ ...rsa[0], n: rsa[1].n }]);
    await refused(mixedRsa, /does not match|not a valid RS256 private key/, rsa[0].d);
  });
});
