import { createECDH, createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

export const FIXTURE_KID = 'pact-fixture-es256';

export interface FixtureSigningKey {
  privateKey: KeyObject;
  /** The public JWK as auth publishes its keys: kid, alg ES256, use sig. */
  publicJwk: JWK;
}

/**
 * An ES256 key derived from a fixed, public seed, so the JWKS example in the pact is the same on
 * every run (a pact that changes each build would need re-verifying each build). It signs only
 * tokens the consumer test shows to its own verifier; it is a fixture, not a secret.
 */
export function fixtureSigningKey(): FixtureSigningKey {
  const d = createHash('sha256').update('saga-workspace pact fixture signing key').digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 | X (32 bytes) | Y (32 bytes)
  const coordinates = {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  };
  return {
    privateKey: createPrivateKey({
      key: { ...coordinates, d: d.toString('base64url') },
      format: 'jwk',
    }),
    publicJwk: { ...coordinates, kid: FIXTURE_KID, alg: 'ES256', use: 'sig' },
  };
}

/** A token shaped like auth's (header and claims), with a fixed placeholder signature. */
export function exampleAccessToken(claims: Record<string, unknown>): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const header = { alg: 'ES256', kid: FIXTURE_KID, typ: 'JWT' };
  return `${encode(header)}.${encode(claims)}.${Buffer.from('example-signature').toString('base64url')}`;
}
