import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import { ConfigError, type AuthConfig } from '#platform';
import { parsePrivateJwks, type SigningAlgorithm, type SigningKey } from './jwk-parsing.js';

export type { SigningAlgorithm, SigningKey };

/** The keys auth signs with and the public key set it publishes. */
export interface SigningKeys {
  /** The newest key: every new token is signed with it. */
  signer: SigningKey;
  /** Public halves of every configured key, newest last, as served at /.well-known/jwks.json. */
  jwks: JSONWebKeySet;
  /** True when no keys were configured and a throwaway pair was generated (development only). */
  ephemeral: boolean;
}

/**
 * The configured keys (`JWT_PRIVATE_JWKS`), or in development and tests a freshly generated ES256
 * pair: tokens then die with the process, which is fine on a laptop and never allowed in
 * production (the config schema requires the variable there; this check backs it up).
 */
export async function loadSigningKeys(
  config: Pick<AuthConfig, 'JWT_PRIVATE_JWKS' | 'NODE_ENV'>,
): Promise<SigningKeys> {
  if (config.JWT_PRIVATE_JWKS) {
    const { signer, publicJwks } = await parsePrivateJwks(config.JWT_PRIVATE_JWKS);
    return { signer, jwks: { keys: publicJwks }, ephemeral: false };
  }
  if (config.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_PRIVATE_JWKS: is required when NODE_ENV=production (unset)',
    );
  }
  return ephemeralKeys();
}

async function ephemeralKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = `ephemeral-${(await calculateJwkThumbprint(publicJwk)).slice(0, 16)}`;
  return {
    signer: { kid, alg: 'ES256', privateKey },
    jwks: { keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] },
    ephemeral: true,
  };
}
