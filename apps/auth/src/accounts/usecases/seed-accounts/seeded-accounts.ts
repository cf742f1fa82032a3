import { ConfigError, type AuthConfig } from '#platform';
import { newUsername } from '../../transport/credentials.schemas.js';
import type { SeededAccount } from './seed-account.usecase.js';

type AccountsConfig = Pick<
  AuthConfig,
  'ADMIN_USERNAME' | 'ADMIN_PASSWORD' | 'ORDERS_SERVICE_USERNAME' | 'ORDERS_SERVICE_PASSWORD'
>;

/**
 * The accounts to seed: the admin (ADMIN_USERNAME / ADMIN_PASSWORD) and orders' service account
 * (ORDERS_SERVICE_USERNAME / ORDERS_SERVICE_PASSWORD, the variables orders logs in with), each held
 * to the rules of any username. One name cannot be both: a service account is nobody's login.
 */
export function seededAccountsFrom(config: AccountsConfig): SeededAccount[] {
  const admin = account('ADMIN_USERNAME', config.ADMIN_USERNAME, config.ADMIN_PASSWORD, 'admin');
  const service = account(
    'ORDERS_SERVICE_USERNAME',
    config.ORDERS_SERVICE_USERNAME,
    config.ORDERS_SERVICE_PASSWORD,
    'service',
  );
  if (admin && service && admin.username === service.username) {
    throw new ConfigError(
      'Invalid configuration:\n  ORDERS_SERVICE_USERNAME: must differ from ADMIN_USERNAME',
    );
  }
  return [admin, service].filter((seeded) => seeded !== undefined);
}

function account(
  variable: string,
  username: string | undefined,
  password: string | undefined,
  role: SeededAccount['role'],
): SeededAccount | undefined {
  if (username === undefined || password === undefined) return undefined;
  const parsed = newUsername.safeParse(username);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'is not a valid username';
    throw new ConfigError(`Invalid configuration:\n  ${variable}: ${reason}`);
  }
  return { username: parsed.data, password, role };
}
