import { JwtService } from '@nestjs/jwt';

const decoder = new JwtService();

/**
 * When a token the caller holds expires (its `exp`, in ms), read without verifying it: for a
 * client deciding when to sign in again, never for trusting the token. 0 when it has no `exp`.
 */
export function tokenExpiresAtMs(token: string): number {
  const claims: unknown = decoder.decode(token);
  const exp = (claims as { exp?: unknown } | null)?.exp;
  return typeof exp === 'number' ? exp * 1000 : 0;
}
