import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import type { Role } from '#identity';
import type { AuthConfig } from '#platform';
import { AUTH_CONFIG, SIGNING_KEYS } from '../config.tokens.js';
import type { SigningKeys } from './signing-keys.js';

/** What a successful login returns (RFC 6749 section 5.1 names). */
export interface AccessToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * Signs access tokens with the newest key: `iss`, `aud`, `sub`, `role`, `jti`, `iat`, `exp`, and
 * `preferred_username` (OpenID Connect's name for it) so services can name a person in records.
 */
@Injectable()
export class TokenIssuer {
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
  ) {}

  async issue(subject: string, role: Role, username: string): Promise<AccessToken> {
    const { kid, alg, privateKey } = this.keys.signer;
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role, preferred_username: username })
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttl)
      .sign(privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }
}
