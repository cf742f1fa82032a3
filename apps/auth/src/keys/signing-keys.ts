import { randomBytes } from 'node:crypto';
import type { JwkSet } from '#identity';
import { ConfigError, type AuthConfig } from '#platform';
import { parsePrivateJwks, type SigningAlgorithm, type SigningKey } from './jwk-parsing.js';
import { newSigningKey } from './new-signing-key.js';

export type { SigningAlgorithm, SigningKey };

/** The keys auth signs with and the public key set it publishes. */
export interface SigningKeys {
  /** The newest key: every new token is signed with it. */
  signer: SigningKey;
  /** Public halves of every configured key, newest last, as served at /.well-known/jwks.json. */
  jwks: JwkSet;
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

function ephemeralKeys(): SigningKeys {
  const kid = `ephemeral-${randomBytes(8).toString('hex')}`;
  const { privateKey, publicJwk } = newSigningKey('ES256', kid);
  return {
    signer: { kid, alg: 'ES256', privateKey },
    jwks: { keys: [publicJwk] },
    ephemeral: true,
  };
}
