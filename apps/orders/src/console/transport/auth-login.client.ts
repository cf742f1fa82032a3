import { Inject, Injectable } from '@nestjs/common';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console.settings.js';
import { AuthUnavailableError } from '../domain/console.errors.js';

export type LoginReply =
  | { ok: true; accessToken: string; expiresIn: number }
  | { ok: false; status: number; body: unknown; retryAfter?: string };

const LOGIN_TIMEOUT_MS = 5_000;

/** Forwards a sign-in to auth's POST /v1/auth/login and hands back its answer as it came. */
@Injectable()
export class AuthLoginClient {
  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {}

  async login(username: string, password: string): Promise<LoginReply> {
    let response: Response;
    try {
      response = await fetch(new URL('/v1/auth/login', this.settings.authUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(LOGIN_TIMEOUT_MS),
      });
    } catch {
      throw new AuthUnavailableError();
    }
    const body: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      if (response.status >= 500) throw new AuthUnavailableError();
      const retryAfter = response.headers.get('retry-after') ?? undefined;
      return { ok: false, status: response.status, body, retryAfter };
    }
    const { access_token: accessToken, expires_in: expiresIn } = body as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (typeof accessToken !== 'string') throw new AuthUnavailableError();
    return { ok: true, accessToken, expiresIn: Number(expiresIn) || 0 };
  }
}
