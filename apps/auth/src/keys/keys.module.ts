import { Module, type DynamicModule } from '@nestjs/common';
import type { AuthConfig } from '#platform';
import { AUTH_CONFIG, SIGNING_KEYS } from '../config.tokens.js';
import { JwksController } from './jwks.controller.js';
import type { SigningKeys } from './signing-keys.js';
import { TokenIssuer } from './token-issuer.js';

/** The signing keys (loaded before Nest starts), the token issuer and the published JWKS. */
@Module({})
export class KeysModule {
  static register(config: AuthConfig, keys: SigningKeys): DynamicModule {
    return {
      module: KeysModule,
      global: true,
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
