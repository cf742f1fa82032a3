import { Module, type DynamicModule } from '@nestjs/common';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard.js';
import { TokenVerifier, verifyingJwtOptions, type VerifierOptions } from './token-verifier.js';

/**
 * Token verification for HTTP and gRPC handlers: `@UseGuards(AuthGuard)`, then `callerOf(…)`.
 * The tokens are checked by @nestjs/jwt's JwtService, with keys from the JWKS by `kid`.
 */
@Module({})
export class IdentityModule {
  static forRoot(options: VerifierOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [JwtModule.register(verifyingJwtOptions(options))],
      providers: [
        {
          provide: TokenVerifier,
          useFactory: (jwt: JwtService) => new TokenVerifier(options, jwt),
          inject: [JwtService],
        },
        AuthGuard,
      ],
      exports: [TokenVerifier, AuthGuard],
    };
  }
}
