import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { parseInput } from '#platform';
import type { AccessToken } from '../keys/token-issuer.js';
import type { UserProfile } from './domain/user.js';
import { loginCommand } from './usecases/login/login.command.js';
import { LoginUseCase } from './usecases/login/login.usecase.js';
import { registerCommand } from './usecases/register/register.command.js';
import { RegisterUseCase } from './usecases/register/register.usecase.js';

/** Public endpoints: anyone may register as a customer and log in. */
@Controller('v1/auth')
export class AccountsHttpController {
  constructor(
    private readonly register: RegisterUseCase,
    private readonly login: LoginUseCase,
  ) {}

  @Post('register')
  registerUser(@Body() body: unknown, @Req() request: Request): Promise<UserProfile> {
    // With TRUST_PROXY the address comes from X-Forwarded-For, as the gateway sets it.
    return this.register.execute(parseInput(registerCommand, body), request.ip ?? 'unknown');
  }

  @Post('login')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  logIn(@Body() body: unknown, @Req() request: Request): Promise<AccessToken> {
    return this.login.execute(parseInput(loginCommand, body), request.ip ?? 'unknown');
  }
}
