import type { Metadata } from '@grpc/grpc-js';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { bearerToken } from './bearer.js';
import { isService, type Caller, type Role } from './caller.js';
import { attachCaller } from './caller-registry.js';
import { ForbiddenError, UnauthenticatedError } from './identity.errors.js';
import { ON_BEHALF_OF } from './on-behalf-of.js';
import { ROLES_KEY } from './roles.decorator.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * Verifies the bearer token of an HTTP request (`Authorization` header) or a gRPC call
 * (`authorization` metadata), enforces `@Roles` on it, verifies the person a service acts for
 * (ON_BEHALF_OF) when one is named, and attaches both for `callerOf` / `onBehalfOf`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const carrier = carrierOf(context);
    const token = bearerToken(headerOf(context, carrier, 'authorization'));
    if (!token) throw new UnauthenticatedError('missing bearer token');
    const caller = await this.verifier.verify(token);
    this.checkRole(context, caller);
    const forwarded = headerOf(context, carrier, ON_BEHALF_OF);
    const person = forwarded === undefined ? undefined : await this.person(caller, forwarded);
    attachCaller(carrier, caller, person);
    return true;
  }

  private checkRole(context: ExecutionContext, caller: Caller): void {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(caller.role)) {
      throw new ForbiddenError(`requires role ${roles.join(' or ')}`);
    }
  }

  /** The on-behalf-of token: only a service may present one, and it must name a person. */
  private async person(caller: Caller, token: string): Promise<Caller> {
    if (!isService(caller)) throw new ForbiddenError(`only a service may send ${ON_BEHALF_OF}`);
    const person = await this.verifier.verify(token).catch((error: unknown) => {
      const reason = error instanceof UnauthenticatedError ? error.reason : 'invalid';
      throw new UnauthenticatedError(`${ON_BEHALF_OF}: ${reason}`);
    });
    if (isService(person)) throw new ForbiddenError(`${ON_BEHALF_OF} must name a person`);
    return person;
  }
}

function carrierOf(context: ExecutionContext): object {
  return context.getType() === 'rpc'
    ? context.switchToRpc().getContext<Metadata>()
    : context.switchToHttp().getRequest<Request>();
}

function headerOf(context: ExecutionContext, carrier: object, name: string): string | undefined {
  const value =
    context.getType() === 'rpc'
      ? (carrier as Metadata).get(name)[0]
      : (carrier as Request).headers[name];
  return typeof value === 'string' ? value : undefined;
}
