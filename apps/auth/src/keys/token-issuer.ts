import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '#identity';
import type { AuthConfig } from '#platform';
import { AUTH_CONFIG } from '../config.tokens.js';

/** What a successful login returns (RFC 6749 section 5.1 names). */
export interface AccessToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * Signs access tokens with the newest key: `iss`, `aud`, `sub`, `role`, `jti`, `iat`, `exp`, and
 * `preferred_username` (OpenID Connect's name for it) so services can name a person in records.
 * The key, `kid`, algorithm, issuer, audience and lifetime are the JwtModule's (KeysModule).
 */
@Injectable()
export class TokenIssuer {
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly jwt: JwtService,
  ) {}

  async issue(subject: string, role: Role, username: string): Promise<AccessToken> {
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = await this.jwt.signAsync(
      { role, preferred_username: username },
      { subject, jwtid: randomUUID() },
    );
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }
}
