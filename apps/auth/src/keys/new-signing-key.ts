import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK, SigningAlgorithm } from './jwk-parsing.js';

export interface NewSigningKey {
  privateKey: KeyObject;
  /** With its private members: what JWT_PRIVATE_JWKS holds. */
  privateJwk: JWK;
  /** What the JWKS publishes. */
  publicJwk: JWK;
}

/** A fresh ES256 (P-256) or RS256 (2048-bit) key pair, as JWKs named by `kid`. */
export function newSigningKey(alg: SigningAlgorithm, kid: string): NewSigningKey {
  const { privateKey, publicKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const named = { kid, alg, use: 'sig' };
  return {
    privateKey,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...named },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...named },
  };
}
