import { Module, type DynamicModule } from '@nestjs/common';
import { AuthGuard } from './auth.guard.js';
import { TokenVerifier, type VerifierOptions } from './token-verifier.js';

/** Token verification for HTTP and gRPC handlers: `@UseGuards(AuthGuard)`, then `callerOf(…)`. */
@Module({})
export class IdentityModule {
  static forRoot(options: VerifierOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      providers: [{ provide: TokenVerifier, useValue: new TokenVerifier(options) }, AuthGuard],
      exports: [TokenVerifier, AuthGuard],
    };
  }
}
