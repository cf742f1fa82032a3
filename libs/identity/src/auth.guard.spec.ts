import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Metadata } from '@grpc/grpc-js';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { AuthGuard } from './auth.guard.js';
import { callerOf, onBehalfOf } from './caller-registry.js';
import { ForbiddenError, UnauthenticatedError } from './identity.errors.js';
import { ON_BEHALF_OF } from './on-behalf-of.js';
import { Roles } from './roles.decorator.js';
import { TokenVerifier } from './token-verifier.js';

class OrdersHandlers {
  @Roles('admin')
  listAll() {}
  getOwn() {}
  @Roles('service')
  charge() {}
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
  let strangerKey: CryptoKey;
  let guard: AuthGuard;
  const token = (role: string, signer?: CryptoKey) =>
    new SignJWT({ role })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('iss')
      .setAudience('aud')
      .setSubject(`user-${role}`)
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signer ?? key);
  const forService = async (onBehalfOfToken: string, role = 'service') => {
    const metadata = bearer(await token(role));
    metadata.set(ON_BEHALF_OF, onBehalfOfToken);
    return metadata;
  };

  before(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    strangerKey = (await generateKeyPair('ES256')).privateKey;
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

  it('enforces @Roles(service): neither a customer nor an admin passes, a service does', async () => {
    for (const role of ['customer', 'admin']) {
      await assert.rejects(guard.canActivate(rpcCall(bearer(await token(role)), 'charge')), {
        name: 'ForbiddenError',
        reason: 'requires role service',
      });
    }
    assert.equal(await guard.canActivate(rpcCall(bearer(await token('service')), 'charge')), true);
  });

  it('verifies the person a service acts for and exposes both', async () => {
    const metadata = await forService(await token('customer'));
    assert.equal(await guard.canActivate(rpcCall(metadata, 'charge')), true);
    assert.deepEqual(
      [callerOf(metadata).role, onBehalfOf(metadata)?.subject, onBehalfOf(metadata)?.role],
      ['service', 'user-customer', 'customer'],
    );
    const alone = bearer(await token('service'));
    await guard.canActivate(rpcCall(alone, 'charge'));
    assert.equal(onBehalfOf(alone), undefined, 'no person named, none attached');
  });

  it('refuses an on-behalf-of token from a caller that is not a service', async () => {
    for (const role of ['customer', 'admin']) {
      const metadata = await forService(await token('customer'), role);
      await assert.rejects(guard.canActivate(rpcCall(metadata, 'getOwn')), ForbiddenError);
      assert.equal(onBehalfOf(metadata), undefined);
    }
  });

  it('refuses a forged on-behalf-of token (a key the JWKS does not hold, or garbage)', async () => {
    for (const forged of [await token('customer', strangerKey), 'not.a.jwt', '']) {
      const metadata = await forService(forged);
      await assert.rejects(guard.canActivate(rpcCall(metadata, 'charge')), (error: unknown) => {
        assert.ok(error instanceof UnauthenticatedError);
        assert.match(error.reason, /^x-on-behalf-of: /);
        return true;
      });
      assert.equal(onBehalfOf(metadata), undefined);
    }
  });

  it('refuses an on-behalf-of token that names a service, not a person', async () => {
    const metadata = await forService(await token('service'));
    await assert.rejects(guard.canActivate(rpcCall(metadata, 'charge')), ForbiddenError);
  });
});
