import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ForbiddenError, TokenVerifier } from '#identity';
import { InvalidArgumentError, parseInput } from '#platform';
import { CONSOLE_SETTINGS, POLL_INTERVAL_MS, type ConsoleSettings } from '../console.settings.js';
import { AuthLoginClient } from './auth-login.client.js';
import { loginInput } from './console-input.schemas.js';

/**
 * What the console page needs besides the admin API: its settings (no secrets) and sign-in.
 * Sign-in goes through orders so the page only ever talks to its own origin, under `npm start`
 * (auth on another port) as behind the gateway, and auth needs no CORS.
 */
@Controller('console/api')
export class ConsoleWebHttpController {
  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    private readonly auth: AuthLoginClient,
    private readonly verifier: TokenVerifier,
  ) {}

  @Get('config')
  @Header('cache-control', 'no-cache')
  config() {
    return {
      trace_viewer_url: this.settings.traceViewerUrl,
      poll_interval_ms: POLL_INTERVAL_MS,
      overdue_after_ms: this.settings.overdueAfterMs,
    };
  }

  /** Signs in with auth and hands out the token only if it is an admin's. */
  @Post('login')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async login(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ) {
    // JSON only: a cross-site form post cannot reach auth through here.
    if (!req.is('application/json')) {
      throw new InvalidArgumentError('body: must be JSON (content-type: application/json)');
    }
    const { username, password } = parseInput(loginInput, body);
    const reply = await this.auth.login(username, password);
    if (!reply.ok) {
      res.status(reply.status).type('application/problem+json');
      if (reply.retryAfter) res.setHeader('retry-after', reply.retryAfter);
      return reply.body;
    }
    const caller = await this.verifier.verify(reply.accessToken);
    if (caller.role !== 'admin') {
      throw new ForbiddenError('the saga console is for admins, and this account is not one');
    }
    return {
      access_token: reply.accessToken,
      token_type: 'Bearer',
      expires_in: reply.expiresIn,
      subject: caller.subject,
    };
  }
}
