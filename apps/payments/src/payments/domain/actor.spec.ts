import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMayCharge, assertMayRefund, assertMayView, type Actor } from './actor.js';
import { newCharge, voidedTombstone } from './payment.js';
import { PaymentForbiddenError, PaymentNotFoundError } from './payment.errors.js';

const AT = new Date('2030-01-01T00:00:00Z');
const alice: Actor = { subject: 'alice', admin: false };
const admin: Actor = { subject: 'ops', admin: true };
const alicesPayment = newCharge(
  { orderId: 'o-1', customerId: 'alice', amount: { currencyCode: 'EUR', amountMinor: 100 } },
  { status: 'CAPTURED', reason: '' },
  'alice',
  AT,
);

describe('who may act on a payment', () => {
  it('lets customers charge only themselves, admins anyone', () => {
    assert.doesNotThrow(() => assertMayCharge(alice, 'o-1', 'alice'));
    assert.throws(() => assertMayCharge(alice, 'o-1', 'bob'), PaymentForbiddenError);
    assert.doesNotThrow(() => assertMayCharge(admin, 'o-1', 'bob'));
  });

  it("refuses a customer refunding another customer's payment", () => {
    assert.throws(() => assertMayRefund({ subject: 'bob', admin: false }, alicesPayment), {
      name: 'PaymentForbiddenError',
    });
    assert.doesNotThrow(() => assertMayRefund(alice, alicesPayment));
    assert.doesNotThrow(() => assertMayRefund(admin, alicesPayment));
  });

  it("hides another customer's payment as not found, but shows tombstones to anyone", () => {
    assert.throws(
      () => assertMayView({ subject: 'bob', admin: false }, alicesPayment, 'o-1'),
      PaymentNotFoundError,
    );
    assert.throws(() => assertMayView(alice, null, 'o-9'), PaymentNotFoundError);
    const tombstone = voidedTombstone('o-2', 'r', 'alice', AT);
    assert.equal(assertMayView({ subject: 'bob', admin: false }, tombstone, 'o-2'), tombstone);
  });
});
