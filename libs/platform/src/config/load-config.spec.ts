import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './load-config.js';
import { ordersConfigSchema } from './orders.config.js';
import { authConfigSchema } from './auth.config.js';

describe('loadConfig', () => {
  it('fills development defaults when nothing is set', () => {
    const config = loadConfig(ordersConfigSchema, {});
    assert.equal(config.HTTP_PORT, 3002);
    assert.equal(config.GRPC_PORT, 50051);
    assert.equal(config.PAYMENTS_GRPC_URL, 'localhost:50052');
    assert.equal(config.DATABASE_URL, undefined);
  });

  it('names a malformed DATABASE_URL and hides its password', () => {
    assert.throws(
      () => loadConfig(ordersConfigSchema, { DATABASE_URL: 'mysql://u:secret@h/db' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.includes('DATABASE_URL') &&
        !error.message.includes('secret'),
    );
  });

  it('names a port that is not a number', () => {
    assert.throws(
      () => loadConfig(ordersConfigSchema, { GRPC_PORT: 'fifty' }),
      (error: unknown) => error instanceof ConfigError && /GRPC_PORT: /.test(error.message),
    );
  });

  it('requires keys and store URLs in production', () => {
    assert.throws(
      () => loadConfig(authConfigSchema, { NODE_ENV: 'production' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        ['DATABASE_URL', 'REDIS_URL', 'JWT_PRIVATE_JWKS'].every((name) =>
          error.message.includes(name),
        ),
    );
  });

  it("requires orders' service account in auth with both its variables or neither", () => {
    assert.throws(
      () => loadConfig(authConfigSchema, { ORDERS_SERVICE_USERNAME: 'orders-svc' }),
      /ORDERS_SERVICE_PASSWORD: ORDERS_SERVICE_USERNAME and ORDERS_SERVICE_PASSWORD are set together/,
    );
    const config = loadConfig(authConfigSchema, {
      ORDERS_SERVICE_USERNAME: 'orders-svc',
      ORDERS_SERVICE_PASSWORD: 'service password 1',
    });
    assert.equal(config.ORDERS_SERVICE_USERNAME, 'orders-svc');
  });
});
