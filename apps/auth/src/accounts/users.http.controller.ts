import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { AuthGuard, callerOf } from '#identity';
import { parseInput } from '#platform';
import type { UserProfile } from './domain/user.js';
import { GetUserUseCase } from './usecases/get-user/get-user.usecase.js';

export const userPath = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

/** Account data, behind the same token guard orders and payments use. */
@Controller('v1/auth')
@UseGuards(AuthGuard)
export class UsersHttpController {
  constructor(private readonly getUser: GetUserUseCase) {}

  @Get('me')
  me(@Req() request: Request): Promise<UserProfile> {
    const caller = callerOf(request);
    return this.getUser.execute(caller, caller.subject);
  }

  @Get('users/:id')
  user(@Req() request: Request, @Param('id') id: string): Promise<UserProfile> {
    const { id: userId } = parseInput(userPath, { id });
    return this.getUser.execute(callerOf(request), userId.toLowerCase());
  }
}
