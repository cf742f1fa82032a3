import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '#platform';
import { seededAccountsFrom } from './seeded-accounts.js';

const none = {
  ADMIN_USERNAME: undefined,
  ADMIN_PASSWORD: undefined,
  ORDERS_SERVICE_USERNAME: undefined,
  ORDERS_SERVICE_PASSWORD: undefined,
};

describe('seededAccountsFrom', () => {
  it('seeds the admin and orders’ service account (role service), names lower-cased', () => {
    const accounts = seededAccountsFrom({
      ADMIN_USERNAME: 'Root',
      ADMIN_PASSWORD: 'root password 123',
      ORDERS_SERVICE_USERNAME: 'Orders-Svc',
      ORDERS_SERVICE_PASSWORD: 'service password 1',
    });
    assert.deepEqual(accounts, [
      { username: 'root', password: 'root password 123', role: 'admin' },
      { username: 'orders-svc', password: 'service password 1', role: 'service' },
    ]);
    assert.deepEqual(seededAccountsFrom(none), []);
  });

  it('refuses one name for both: the service account must not be a person’s login', () => {
    const same = {
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'admin password 12',
      ORDERS_SERVICE_USERNAME: 'ADMIN',
      ORDERS_SERVICE_PASSWORD: 'admin password 12',
    };
    assert.throws(
      () => seededAccountsFrom(same),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /ORDERS_SERVICE_USERNAME: must differ from ADMIN_USERNAME/);
        return true;
      },
    );
  });

  it('refuses a service username that breaks the username rules, naming the variable', () => {
    const bad = {
      ...none,
      ORDERS_SERVICE_USERNAME: 'orders svc',
      ORDERS_SERVICE_PASSWORD: 'x'.repeat(12),
    };
    assert.throws(() => seededAccountsFrom(bad), /ORDERS_SERVICE_USERNAME: may contain only/);
  });
});
