import { createECDH } from 'node:crypto';
import type { JWK } from 'jose';

/**
 * Whether a private JWK's public members are its own, checked by arithmetic rather than left to
 * the crypto library: whether OpenSSL refuses a mismatched key at import differs between builds
 * (one machine said "not a valid RS256 private key", another "does not match"), and the refusal
 * must name the same cause everywhere. RSA: n = p·q. EC P-256: (x, y) = d·G. Undefined when the
 * members needed are absent or unusable: importing and the signature probe then decide.
 */
export function publicMembersFit(jwk: JWK): boolean | undefined {
  if (jwk.kty === 'RSA' && jwk.n && jwk.p && jwk.q) {
    return big(jwk.p) * big(jwk.q) === big(jwk.n);
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && jwk.d && jwk.x && jwk.y) {
    try {
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(bytes(jwk.d));
      const point = ecdh.getPublicKey(); // 0x04 ‖ x (32 bytes) ‖ y (32 bytes)
      return point.subarray(1, 33).equals(bytes(jwk.x)) && point.subarray(33).equals(bytes(jwk.y));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const bytes = (member: string) => Buffer.from(member, 'base64url');
const big = (member: string) => BigInt(`0x${bytes(member).toString('hex') || '0'}`);
