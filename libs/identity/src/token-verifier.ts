import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { ROLES, type Caller, type Role } from './caller.js';
import { UnauthenticatedError } from './identity.errors.js';

export interface VerifierOptions {
  /** Where the auth service publishes its JWKS (orders, payments). */
  jwksUrl?: string;
  /** A key set held in-process instead: the issuer checking its own tokens (auth). */
  jwks?: JSONWebKeySet;
  issuer: string;
  audience: string;
  /** Least time between two JWKS fetches triggered by unknown `kid`s (default 1 s). */
  refetchCooldownMs?: number;
  /** How many verified tokens to remember (default 10,000; 0 verifies every time). */
  cacheSize?: number;
  /** Resolves signing keys instead of the JWKS (tests count the lookups with it). */
  keys?: JWTVerifyGetKey;
}

/** Only asymmetric algorithms: an HS256 token "signed" with the public key must never pass. */
const ALGORITHMS = ['ES256', 'RS256'];
const MAX_TOKEN_LENGTH = 4096;
/** A remembered token is checked against the keys again at least this often. */
const CACHE_TTL_MS = 60_000;

interface Verified {
  caller: Caller;
  expiresAtMs: number;
}

/**
 * Verifies access tokens against the auth service's JWKS. jose caches the key set and refetches
 * it when a token names an unknown `kid` (key rotation), at most once per cooldown. auth itself
 * passes its key set in-process (`jwks`) and gets the same checks without fetching from itself.
 */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  /**
   * Tokens already verified, until their `exp` and for at most a minute: the same token comes
   * with every call of a session (and orders' service token with every charge), and an ES256
   * check per call was a visible share of each service's CPU. The minute bounds how long a token
   * signed by a key since withdrawn from the JWKS keeps passing.
   */
  private readonly verified?: LRUCache<string, Verified>;

  constructor(private readonly options: VerifierOptions) {
    this.keys = options.keys ?? keySetOf(options);
    const size = options.cacheSize ?? 10_000;
    if (size > 0) this.verified = new LRUCache({ max: size, ttl: CACHE_TTL_MS });
  }

  async verify(token: string): Promise<Caller> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new UnauthenticatedError('malformed access token');
    }
    const known = this.verified?.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.caller;
    const caller = await this.check(token);
    this.verified?.set(token, { caller: caller.caller, expiresAtMs: caller.expiresAtMs });
    return caller.caller;
  }

  private async check(token: string): Promise<Verified> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      });
      const role = payload.role;
      if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
        throw new UnauthenticatedError('access token has no valid role');
      }
      return {
        caller: {
          subject: payload.sub!,
          role: role as Role,
          tokenId: payload.jti!,
          token,
          ...(typeof payload.preferred_username === 'string'
            ? { username: payload.preferred_username }
            : {}),
        },
        expiresAtMs: payload.exp! * 1000,
      };
    } catch (error) {
      throw toUnauthenticated(error);
    }
  }
}

function keySetOf(options: VerifierOptions): JWTVerifyGetKey {
  if (options.jwks) return createLocalJWKSet(options.jwks);
  if (!options.jwksUrl) throw new Error('TokenVerifier needs jwksUrl or jwks');
  return createRemoteJWKSet(new URL(options.jwksUrl), {
    cacheMaxAge: 10 * 60_000,
    cooldownDuration: options.refetchCooldownMs ?? 1_000,
    timeoutDuration: 2_000,
  });
}

function toUnauthenticated(error: unknown): UnauthenticatedError {
  if (error instanceof UnauthenticatedError) return error;
  if (error instanceof errors.JWTExpired) return new UnauthenticatedError('access token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new UnauthenticatedError(`access token claim "${error.claim}" is invalid`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new UnauthenticatedError('access token signed with an unknown key');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new UnauthenticatedError('signing keys unavailable; try again');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new UnauthenticatedError('access token algorithm not allowed');
  }
  return new UnauthenticatedError('invalid access token');
}
