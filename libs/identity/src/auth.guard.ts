import type { Metadata } from '@grpc/grpc-js';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { bearerToken } from './bearer.js';
import type { Caller, Role } from './caller.js';
import { attachCaller } from './caller-registry.js';
import { ForbiddenError, UnauthenticatedError } from './identity.errors.js';
import { ROLES_KEY } from './roles.decorator.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * Verifies the bearer token of an HTTP request (`Authorization` header) or a gRPC call
 * (`authorization` metadata), attaches the caller for `callerOf`, and enforces `@Roles`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const carrier = carrierOf(context);
    const token = bearerToken(headerOf(context, carrier));
    if (!token) throw new UnauthenticatedError('missing bearer token');
    const caller = await this.verifier.verify(token);
    this.checkRole(context, caller);
    attachCaller(carrier, caller);
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
}

function carrierOf(context: ExecutionContext): object {
  return context.getType() === 'rpc'
    ? context.switchToRpc().getContext<Metadata>()
    : context.switchToHttp().getRequest<Request>();
}

function headerOf(context: ExecutionContext, carrier: object): string | undefined {
  if (context.getType() === 'rpc') {
    const value = (carrier as Metadata).get('authorization')[0];
    return typeof value === 'string' ? value : undefined;
  }
  return (carrier as Request).headers.authorization;
}
