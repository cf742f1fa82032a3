import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canView, requestFingerprint, type Order } from './order.js';

const order = { customerId: 'alice' } as Order;

describe('order rules', () => {
  it('fingerprints equal bodies equally and different bodies differently', () => {
    const a = { amount: { currencyCode: 'EUR', amountMinor: 1000 }, description: 'x' };
    assert.equal(requestFingerprint(a), requestFingerprint({ ...a }));
    assert.notEqual(requestFingerprint(a), requestFingerprint({ ...a, description: 'y' }));
    assert.notEqual(
      requestFingerprint(a),
      requestFingerprint({ ...a, amount: { currencyCode: 'EUR', amountMinor: 1001 } }),
    );
  });

  it('lets the owner and admins see an order, nobody else', () => {
    assert.equal(canView(order, { subject: 'alice', isAdmin: false }), true);
    assert.equal(canView(order, { subject: 'bob', isAdmin: false }), false);
    assert.equal(canView(order, { subject: 'root', isAdmin: true }), true);
  });
});
