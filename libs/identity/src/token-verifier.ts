import { JwtService, TokenExpiredError, type JwtModuleOptions } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { ROLES, type Caller, type Role } from './caller.js';
import { UnauthenticatedError } from './identity.errors.js';
import { SigningKeyResolver, type KeySource, type TokenHeader } from './signing-key.resolver.js';

export interface VerifierOptions extends KeySource {
  issuer: string;
  audience: string;
  /** How many verified tokens to remember (default 10,000; 0 verifies every time). */
  cacheSize?: number;
}

/** Only asymmetric algorithms: an HS256 token "signed" with the public key must never pass. */
const ALGORITHMS = ['ES256', 'RS256'] as const;
const MAX_TOKEN_LENGTH = 4096;
/** A remembered token is checked against the keys again at least this often. */
const CACHE_TTL_MS = 60_000;
const REQUIRED_CLAIMS = ['sub', 'jti', 'exp', 'iat'] as const;
const decoder = new JwtService();

interface Verified {
  caller: Caller;
  expiresAtMs: number;
}

interface Claims {
  sub?: unknown;
  jti?: unknown;
  exp?: unknown;
  iat?: unknown;
  role?: unknown;
  preferred_username?: unknown;
}

/**
 * @nestjs/jwt's options for checking access tokens: ES256/RS256 only, issuer and audience, and
 * the key chosen by the token's `kid` from the JWKS (SigningKeyResolver).
 */
export function verifyingJwtOptions(options: VerifierOptions): JwtModuleOptions {
  const resolver = new SigningKeyResolver(options);
  return {
    secretOrKeyProvider: (_type, token) => {
      const header = headerOf(token);
      if (!(ALGORITHMS as readonly string[]).includes(header.alg ?? '')) {
        throw new UnauthenticatedError('access token algorithm not allowed');
      }
      return resolver.keyFor(header, token as string);
    },
    verifyOptions: {
      algorithms: [...ALGORITHMS],
      issuer: options.issuer,
      audience: options.audience,
    },
  };
}

/**
 * Verifies access tokens with @nestjs/jwt's JwtService (IdentityModule injects one configured
 * by verifyingJwtOptions; constructed directly, it makes its own). auth passes its key set
 * in-process (`jwks`) and gets the same checks without fetching from itself.
 */
export class TokenVerifier {
  /**
   * Tokens already verified, until their `exp` and for at most a minute: the same token comes
   * with every call of a session (and orders' service token with every charge), and an ES256
   * check per call was a visible share of each service's CPU. The minute bounds how long a token
   * signed by a key since withdrawn from the JWKS keeps passing.
   */
  private readonly verified?: LRUCache<string, Verified>;

  constructor(
    options: VerifierOptions,
    private readonly jwt: JwtService = new JwtService(verifyingJwtOptions(options)),
  ) {
    const size = options.cacheSize ?? 10_000;
    if (size > 0) this.verified = new LRUCache({ max: size, ttl: CACHE_TTL_MS });
  }

  async verify(token: string): Promise<Caller> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new UnauthenticatedError('malformed access token');
    }
    const known = this.verified?.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.caller;
    const checked = await this.check(token);
    this.verified?.set(token, checked);
    return checked.caller;
  }

  private async check(token: string): Promise<Verified> {
    let claims: Claims;
    try {
      claims = await this.jwt.verifyAsync<Claims>(token);
    } catch (error) {
      throw toUnauthenticated(error);
    }
    for (const claim of REQUIRED_CLAIMS) {
      const expected = claim === 'exp' || claim === 'iat' ? 'number' : 'string';
      if (typeof claims[claim] !== expected) {
        throw new UnauthenticatedError(`access token claim "${claim}" is invalid`);
      }
    }
    const role = claims.role;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new UnauthenticatedError('access token has no valid role');
    }
    const username = claims.preferred_username;
    return {
      caller: {
        subject: claims.sub as string,
        role: role as Role,
        tokenId: claims.jti as string,
        token,
        ...(typeof username === 'string' ? { username } : {}),
      },
      expiresAtMs: (claims.exp as number) * 1000,
    };
  }
}

function headerOf(token: unknown): TokenHeader {
  const decoded: unknown =
    typeof token === 'string' ? decoder.decode(token, { complete: true }) : null;
  const header = (decoded as { header?: unknown } | null)?.header;
  if (typeof header !== 'object' || header === null) {
    throw new UnauthenticatedError('invalid access token');
  }
  return header as TokenHeader;
}

/** jsonwebtoken's errors as the reasons callers have always seen. */
function toUnauthenticated(error: unknown): UnauthenticatedError {
  if (error instanceof UnauthenticatedError) return error;
  if (error instanceof TokenExpiredError) return new UnauthenticatedError('access token expired');
  const message = error instanceof Error ? error.message : '';
  const claim = /^jwt (audience|issuer) invalid/.exec(message)?.[1];
  if (claim) {
    return new UnauthenticatedError(
      `access token claim "${claim === 'issuer' ? 'iss' : 'aud'}" is invalid`,
    );
  }
  if (message === 'invalid algorithm') {
    return new UnauthenticatedError('access token algorithm not allowed');
  }
  return new UnauthenticatedError('invalid access token');
}
