import { ConfigError, type AuthConfig } from '#platform';
import { newUsername } from '../../domain/credentials.js';
import type { AdminAccount } from './seed-admin.usecase.js';

/** The admin to seed from ADMIN_USERNAME / ADMIN_PASSWORD, held to the rules of any username. */
export function adminAccountFrom(
  config: Pick<AuthConfig, 'ADMIN_USERNAME' | 'ADMIN_PASSWORD'>,
): AdminAccount | undefined {
  if (config.ADMIN_USERNAME === undefined || config.ADMIN_PASSWORD === undefined) return undefined;
  const username = newUsername.safeParse(config.ADMIN_USERNAME);
  if (!username.success) {
    const reason = username.error.issues[0]?.message ?? 'is not a valid username';
    throw new ConfigError(`Invalid configuration:\n  ADMIN_USERNAME: ${reason}`);
  }
  return { username: username.data, password: config.ADMIN_PASSWORD };
}
