import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP baseline: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** A hash of a random secret, checked when the user does not exist so both paths cost the same. */
  private decoy = '';

  async onModuleInit(): Promise<void> {
    this.decoy = await hash(randomBytes(32).toString('base64url'), OPTIONS);
  }

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /**
   * True when `password` matches `passwordHash`. With no hash (unknown user) it runs the same
   * argon2 verification against the decoy and returns false: the time taken tells nothing.
   */
  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      const matches = await verify(passwordHash ?? this.decoy, password);
      return matches && passwordHash !== undefined;
    } catch {
      return false; // a corrupt stored hash is a failed login, not a 500
    }
  }
}
