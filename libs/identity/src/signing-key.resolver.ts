import { createPublicKey, KeyObject, type JsonWebKey, type webcrypto } from 'node:crypto';
import { createRemoteJWKSet } from 'jose';
import { UnauthenticatedError } from './identity.errors.js';

/** A public JWK as a JWKS publishes it. */
export type PublicJwk = JsonWebKey & { kid?: string; use?: string };

export interface JwkSet {
  keys: PublicJwk[];
}

/** The parts of a token's header that choose its key. */
export interface TokenHeader {
  alg?: string;
  kid?: string;
}

/** A lookup of the key for a token, instead of a JWKS (tests count lookups with it). */
export type KeyLookup = (
  header: TokenHeader,
  token: string,
) => Promise<webcrypto.CryptoKey | KeyObject | Uint8Array>;

export interface KeySource {
  /** Where the auth service publishes its JWKS (orders, payments). */
  jwksUrl?: string;
  /** A key set held in-process instead: the issuer checking its own tokens (auth). */
  jwks?: JwkSet;
  /** Least time between two JWKS fetches triggered by unknown `kid`s (default 1 s). */
  refetchCooldownMs?: number;
  keys?: KeyLookup;
}

const CACHE_MAX_AGE_MS = 10 * 60_000;

/**
 * Finds the public key that must have signed a token, by its `kid`, in the JWKS. jose's remote
 * key set does the fetching and caching (and nothing else): the set is fetched when stale, and
 * again when a token names a `kid` it lacks (a key rotation), at most once per cooldown.
 */
export class SigningKeyResolver {
  private byKid = new Map<string, KeyObject>();
  private readonly remote?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly source: KeySource) {
    if (source.keys) return;
    if (source.jwks) this.byKid = index(source.jwks);
    else if (source.jwksUrl) {
      this.remote = createRemoteJWKSet(new URL(source.jwksUrl), {
        cacheMaxAge: CACHE_MAX_AGE_MS,
        cooldownDuration: source.refetchCooldownMs ?? 1_000,
        timeoutDuration: 2_000,
      });
    } else throw new Error('a token verifier needs jwksUrl, jwks or keys');
  }

  async keyFor(header: TokenHeader, token: string): Promise<KeyObject> {
    if (this.source.keys) return asPublicKey(await this.source.keys(header, token));
    const kid = header.kid ?? '';
    if (this.remote && !this.remote.fresh) await this.reload();
    if (this.remote && !this.byKid.has(kid) && !this.remote.coolingDown) await this.reload();
    const key = this.byKid.get(kid);
    if (!key) throw new UnauthenticatedError('access token signed with an unknown key');
    return key;
  }

  private async reload(): Promise<void> {
    try {
      await this.remote!.reload();
    } catch {
      throw new UnauthenticatedError('signing keys unavailable; try again');
    }
    this.byKid = index(this.remote!.jwks() ?? { keys: [] });
  }
}

/** Signing keys by kid; keys for another use, without a kid or unreadable cannot sign tokens. */
function index(set: JwkSet): Map<string, KeyObject> {
  const byKid = new Map<string, KeyObject>();
  for (const jwk of set.keys) {
    if (!jwk.kid || (jwk.use !== undefined && jwk.use !== 'sig') || byKid.has(jwk.kid)) continue;
    try {
      byKid.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    } catch {
      // Not a usable public key: as good as absent.
    }
  }
  return byKid;
}

function asPublicKey(key: webcrypto.CryptoKey | KeyObject | Uint8Array): KeyObject {
  if (key instanceof KeyObject) return key;
  if (key instanceof Uint8Array) throw new UnauthenticatedError('invalid access token');
  return KeyObject.from(key);
}
