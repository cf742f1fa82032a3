import { randomUUID } from 'node:crypto';
import { newSigningKey } from './new-signing-key.js';

/**
 * Prints a new private signing key as a one-element JWK array, ready for JWT_PRIVATE_JWKS.
 * To rotate, append it to the current array (newest last) and, once tokens signed by the old
 * key have expired, drop the old key's private members or the key itself.
 *
 *   npm run auth:keygen -- [ES256|RS256] [kid]
 */
function main(
  alg = 'ES256',
  kid = `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
) {
  if (alg !== 'ES256' && alg !== 'RS256')
    throw new Error(`unsupported algorithm ${alg}: use ES256 or RS256`);
  process.stdout.write(`${JSON.stringify([newSigningKey(alg, kid).privateJwk])}\n`);
}

try {
  main(process.argv[2], process.argv[3]);
} catch (error: unknown) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
