import { Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import type { AuthConfig } from '#platform';
import { AUTH_CONFIG, SIGNING_KEYS } from '../config.tokens.js';
import { JwksController } from './jwks.controller.js';
import type { SigningKeys } from './signing-keys.js';
import { TokenIssuer } from './token-issuer.js';

/**
 * The signing keys (loaded before Nest starts), the token issuer and the published JWKS. Tokens
 * are signed by @nestjs/jwt's JwtService with the newest key, its `kid` in the header.
 */
@Module({})
export class KeysModule {
  static register(config: AuthConfig, keys: SigningKeys): DynamicModule {
    return {
      module: KeysModule,
      global: true,
      imports: [
        JwtModule.register({
          privateKey: keys.signer.privateKey,
          signOptions: {
            algorithm: keys.signer.alg,
            keyid: keys.signer.kid,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
            expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
          },
        }),
      ],
      controllers: [JwksController],
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: SIGNING_KEYS, useValue: keys },
        TokenIssuer,
      ],
      exports: [TokenIssuer],
    };
  }
}
