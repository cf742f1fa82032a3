import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { JwkSet } from '#identity';
import { SIGNING_KEYS } from '../config.tokens.js';
import type { SigningKeys } from './signing-keys.js';

/**
 * The public key set every verifier fetches. Short caching is enough: verifiers refetch anyway
 * when a token names a `kid` they have not seen, which is how a rotation reaches them.
 */
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(SIGNING_KEYS) private readonly keys: SigningKeys) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  jwks(): JwkSet {
    return this.keys.jwks;
  }
}
