import { Inject, Injectable, Logger } from '@nestjs/common';
import { tokenExpiresAtMs } from '#identity';

export interface ServiceAccount {
  authUrl: string;
  username?: string;
  password?: string;
}

export const SERVICE_ACCOUNT = Symbol('SERVICE_ACCOUNT');
const REFRESH_BEFORE_EXPIRY_MS = 60_000;

/**
 * The token orders uses when no caller's token is at hand: sagas resumed by the recovery worker
 * after a crash or retried later. Logs in to auth as the configured service account and caches
 * the token until shortly before it expires.
 */
@Injectable()
export class ServiceCredentials {
  private readonly logger = new Logger(ServiceCredentials.name);
  private cached?: { token: string; refreshAt: number };
  private pending?: Promise<string | undefined>;

  constructor(@Inject(SERVICE_ACCOUNT) private readonly account: ServiceAccount) {}

  async token(): Promise<string | undefined> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.token;
    this.pending ??= this.login().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async login(): Promise<string | undefined> {
    const { authUrl, username, password } = this.account;
    if (!username || !password) {
      this.logger.warn(
        'ORDERS_SERVICE_USERNAME/PASSWORD unset: resumed sagas call payments without a token',
      );
      return undefined;
    }
    const response = await fetch(new URL('/v1/auth/login', authUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok)
      throw new Error(`service login at ${authUrl} failed with HTTP ${response.status}`);
    const { access_token: token } = (await response.json()) as { access_token: string };
    const expiresAt = tokenExpiresAtMs(token);
    this.cached = { token, refreshAt: expiresAt - REFRESH_BEFORE_EXPIRY_MS };
    return token;
  }
}
