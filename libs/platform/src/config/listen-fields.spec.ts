import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listenAddress } from '../bootstrap/serve-app.js';
import { reflectionEnabled } from '../grpc/grpc-reflection.js';
import { ConfigError, loadConfig } from './load-config.js';
import { ordersConfigSchema } from './orders.config.js';
import { paymentsConfigSchema } from './payments.config.js';

const PRODUCTION_PAYMENTS = { NODE_ENV: 'production', MONGO_URL: 'mongodb://mongo:27017/payments' };

describe('BIND_ADDRESS and GRPC_REFLECTION', () => {
  it('binds to the loopback when BIND_ADDRESS is unset, to the given address otherwise', () => {
    assert.equal(listenAddress(loadConfig(paymentsConfigSchema, {})), '127.0.0.1');
    const all = loadConfig(paymentsConfigSchema, { BIND_ADDRESS: '0.0.0.0' });
    assert.equal(listenAddress(all), '0.0.0.0');
    assert.equal(listenAddress(loadConfig(paymentsConfigSchema, { BIND_ADDRESS: '::' })), '::');
  });

  it('names a BIND_ADDRESS that is not an IP address', () => {
    assert.throws(
      () => loadConfig(ordersConfigSchema, { BIND_ADDRESS: 'everywhere' }),
      (error: unknown) =>
        error instanceof ConfigError && /BIND_ADDRESS: must be an IP address/.test(error.message),
    );
  });

  it('requires BIND_ADDRESS in production rather than binding a container to its loopback', () => {
    assert.throws(
      () => loadConfig(paymentsConfigSchema, PRODUCTION_PAYMENTS),
      (error: unknown) =>
        error instanceof ConfigError &&
        /BIND_ADDRESS: is required when NODE_ENV=production/.test(error.message),
    );
  });

  it('serves reflection outside production unless switched off, in production only if switched on', () => {
    const reflection = (env: Record<string, string>) =>
      reflectionEnabled(loadConfig(paymentsConfigSchema, env));
    const production = { ...PRODUCTION_PAYMENTS, BIND_ADDRESS: '0.0.0.0' };
    assert.equal(reflection({}), true);
    assert.equal(reflection({ NODE_ENV: 'test' }), true);
    assert.equal(reflection({ GRPC_REFLECTION: 'false' }), false);
    assert.equal(reflection(production), false);
    assert.equal(reflection({ ...production, GRPC_REFLECTION: 'true' }), true);
  });

  it('names a GRPC_REFLECTION that is not a flag', () => {
    assert.throws(
      () => loadConfig(ordersConfigSchema, { GRPC_REFLECTION: 'yes please' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /GRPC_REFLECTION: must be true or false/.test(error.message),
    );
  });
});
