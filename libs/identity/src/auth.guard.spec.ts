import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Metadata } from '@grpc/grpc-js';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { AuthGuard } from './auth.guard.js';
import { callerOf } from './caller-registry.js';
import { ForbiddenError, UnauthenticatedError } from './identity.errors.js';
import { Roles } from './roles.decorator.js';
import { TokenVerifier } from './token-verifier.js';

class OrdersHandlers {
  @Roles('admin')
  listAll() {}
  getOwn() {}
}

/** An ExecutionContext for a gRPC call carrying `metadata`, handled by OrdersHandlers[method]. */
function rpcCall(metadata: Metadata, method: keyof OrdersHandlers): ExecutionContext {
  return {
    getType: () => 'rpc',
    switchToRpc: () => ({ getContext: () => metadata }),
    getHandler: () => OrdersHandlers.prototype[method],
    getClass: () => OrdersHandlers,
  } as unknown as ExecutionContext;
}

function bearer(token: string): Metadata {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

describe('AuthGuard on gRPC metadata (key set held in-process)', () => {
  let key: CryptoKey;
  let guard: AuthGuard;
  const token = (role: string) =>
    new SignJWT({ role })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('iss')
      .setAudience('aud')
      .setSubject(`user-${role}`)
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  before(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    const verifier = new TokenVerifier({ jwks: { keys: [jwk] }, issuer: 'iss', audience: 'aud' });
    guard = new AuthGuard(verifier, new Reflector());
  });

  it('exposes the verified caller of a call to its handler', async () => {
    const metadata = bearer(await token('customer'));
    assert.equal(await guard.canActivate(rpcCall(metadata, 'getOwn')), true);
    const caller = callerOf(metadata);
    assert.deepEqual([caller.subject, caller.role], ['user-customer', 'customer']);
  });

  it('refuses a call without a bearer token', async () => {
    await assert.rejects(
      guard.canActivate(rpcCall(new Metadata(), 'getOwn')),
      UnauthenticatedError,
    );
    assert.throws(() => callerOf(new Metadata()), UnauthenticatedError);
  });

  it('enforces @Roles: a customer may not call an admin handler, an admin may', async () => {
    const customer = bearer(await token('customer'));
    await assert.rejects(guard.canActivate(rpcCall(customer, 'listAll')), ForbiddenError);
    const admin = bearer(await token('admin'));
    assert.equal(await guard.canActivate(rpcCall(admin, 'listAll')), true);
  });
});
