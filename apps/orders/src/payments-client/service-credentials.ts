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
 * orders' own identity towards payments: every charge and refund carries it (see
 * payments-call-identity.ts). Logs in to auth as the configured service account (auth seeds it
 * with role `service`) and caches the token until shortly before it expires. A refresh that
 * fails (auth restarting) keeps using the cached token while it is still valid, so a short auth
 * outage does not stop charges.
 */
@Injectable()
export class ServiceCredentials {
  private readonly logger = new Logger(ServiceCredentials.name);
  private cached?: { token: string; refreshAt: number; expiresAt: number };
  private pending?: Promise<string | undefined>;
  private warnedUnset = false;

  constructor(@Inject(SERVICE_ACCOUNT) private readonly account: ServiceAccount) {}

  async token(): Promise<string | undefined> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.token;
    this.pending ??= this.refresh().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async refresh(): Promise<string | undefined> {
    try {
      return await this.login();
    } catch (error) {
      const cached = this.cached;
      if (!cached || Date.now() >= cached.expiresAt) throw error;
      this.logger.warn({ err: error }, 'service login failed; the current token is still valid');
      return cached.token;
    }
  }

  private async login(): Promise<string | undefined> {
    const { authUrl, username, password } = this.account;
    if (!username || !password) {
      if (!this.warnedUnset) {
        this.logger.warn(
          'ORDERS_SERVICE_USERNAME/PASSWORD unset: payments will refuse every charge and refund',
        );
      }
      this.warnedUnset = true;
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
    this.cached = { token, refreshAt: expiresAt - REFRESH_BEFORE_EXPIRY_MS, expiresAt };
    return token;
  }
}
