import { createPublicKey, KeyObject, sign, subtle, verify } from 'node:crypto';
import type { PublicJwk } from '#identity';
import { ConfigError } from '#platform';

export type SigningAlgorithm = 'ES256' | 'RS256';

/** A JWK as JWT_PRIVATE_JWKS holds it: public members, plus the private ones (`d`, …) to sign. */
export type JWK = PublicJwk;

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyObject;
}

/** How WebCrypto imports each algorithm's private key. */
const IMPORT_PARAMS = {
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
} as const;

const VARIABLE = 'JWT_PRIVATE_JWKS';
const MIN_RSA_BITS = 2048;
const PUBLIC_MEMBERS: Record<string, string[]> = { EC: ['crv', 'x', 'y'], RSA: ['n', 'e'] };

/**
 * Reads `JWT_PRIVATE_JWKS`: a JSON array (or `{ "keys": [...] }`) of JWKs, oldest first. Every
 * key is published; the last one must be private and signs. Earlier keys may be public-only, so a
 * retired key keeps verifying the tokens it signed until they expire. Errors name the variable
 * and never echo key material.
 */
export async function parsePrivateJwks(
  raw: string,
): Promise<{ signer: SigningKey; publicJwks: JWK[] }> {
  const jwks = parseList(raw);
  const kids = new Set<string>();
  const publicJwks: JWK[] = [];
  for (const [index, jwk] of jwks.entries()) {
    const alg = algorithmOf(jwk, index);
    if (kids.has(jwk.kid!)) fail(`key ${index}: kid "${jwk.kid}" appears twice`);
    kids.add(jwk.kid!);
    publicJwks.push(publicHalf(jwk, alg));
  }
  const newest = jwks[jwks.length - 1]!;
  if (!newest.d) fail('the last key signs, so it must be a private key (with "d")');
  const alg = algorithmOf(newest, jwks.length - 1);
  const privateKey = await importKey(newest, alg);
  assertPairMatches(privateKey, publicJwks[publicJwks.length - 1]!, newest.kid!);
  return { signer: { kid: newest.kid!, alg, privateKey }, publicJwks };
}

function parseList(raw: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    fail('must be a JSON array of JWKs');
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list) || list.length === 0) fail('must be a non-empty JSON array of JWKs');
  if (!list.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    fail('every entry must be a JWK object');
  }
  return list as JWK[];
}

function algorithmOf(jwk: JWK, index: number): SigningAlgorithm {
  if (typeof jwk.kid !== 'string' || jwk.kid.length === 0 || jwk.kid.length > 128) {
    fail(`key ${index}: needs a "kid" of 1 to 128 characters`);
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') fail(`key ${jwk.kid}: "use" must be "sig"`);
  const alg = jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : jwk.kty === 'RSA' ? 'RS256' : '';
  if (!alg) fail(`key ${jwk.kid}: must be an EC P-256 (ES256) or RSA (RS256) key`);
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    fail(`key ${jwk.kid}: "alg" ${jwk.alg} does not fit the key type (expected ${alg})`);
  }
  if (alg === 'RS256' && Buffer.from(jwk.n ?? '', 'base64url').length * 8 < MIN_RSA_BITS) {
    fail(`key ${jwk.kid}: RSA keys need at least ${MIN_RSA_BITS} bits`);
  }
  for (const member of PUBLIC_MEMBERS[jwk.kty!]!) {
    if (typeof (jwk as Record<string, unknown>)[member] !== 'string') {
      fail(`key ${jwk.kid}: missing "${member}"`);
    }
  }
  return alg;
}

function publicHalf(jwk: JWK, alg: SigningAlgorithm): JWK {
  const half: JWK = { kty: jwk.kty, kid: jwk.kid, alg, use: 'sig' };
  for (const member of PUBLIC_MEMBERS[jwk.kty!]!) {
    (half as Record<string, unknown>)[member] = (jwk as Record<string, unknown>)[member];
  }
  return half;
}

/** WebCrypto, not createPrivateKey: it also refuses an EC key whose x/y are not d's point. */
async function importKey(jwk: JWK, alg: SigningAlgorithm): Promise<KeyObject> {
  try {
    const { kid: _kid, use: _use, ...material } = jwk;
    return KeyObject.from(
      await subtle.importKey('jwk', material, IMPORT_PARAMS[alg], true, ['sign']),
    );
  } catch {
    fail(`key ${jwk.kid}: not a valid ${alg} private key`);
  }
}

/** A private key whose public members were copied from another key would sign unverifiable tokens. */
function assertPairMatches(privateKey: KeyObject, publicJwk: JWK, kid: string): void {
  const probe = Buffer.from('does this key pair match?');
  const matches = (() => {
    try {
      const publicKey = createPublicKey({ key: publicJwk, format: 'jwk' });
      return verify('sha256', probe, publicKey, sign('sha256', probe, privateKey));
    } catch {
      return false;
    }
  })();
  if (!matches) fail(`key ${kid}: the private key does not match its public members`);
}

function fail(reason: string): never {
  throw new ConfigError(`Invalid configuration:\n  ${VARIABLE}: ${reason} (got ***)`);
}
