import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replayCharge } from './charge-replay.js';
import { newCharge, voidedTombstone, type ChargeRequest, type Payment } from './payment.js';
import {
  PaymentMismatchError,
  PaymentRefundedError,
  PaymentVoidedError,
} from './payment.errors.js';

const AT = new Date('2030-01-01T00:00:00Z');
const REQUEST: ChargeRequest = {
  orderId: 'o-1',
  customerId: 'c-1',
  amount: { currencyCode: 'EUR', amountMinor: 1_250 },
};
const captured = (): Payment => newCharge(REQUEST, { status: 'CAPTURED', reason: '' }, 'c-1', AT);

describe('replayCharge', () => {
  it('returns the stored capture for an identical retry', () => {
    const existing = captured();
    assert.equal(replayCharge(existing, { ...REQUEST }), existing);
  });

  it('returns the stored decline for an identical retry (no second decision)', () => {
    const declined = newCharge(REQUEST, { status: 'DECLINED', reason: 'no' }, 'c-1', AT);
    assert.equal(replayCharge(declined, REQUEST).status, 'DECLINED');
  });

  it('refuses another amount, currency or customer for the same order', () => {
    const cases: [ChargeRequest, RegExp][] = [
      [{ ...REQUEST, amount: { currencyCode: 'EUR', amountMinor: 1_251 } }, /amount/],
      [{ ...REQUEST, amount: { currencyCode: 'USD', amountMinor: 1_250 } }, /currency/],
      [{ ...REQUEST, customerId: 'c-2' }, /customer/],
    ];
    for (const [request, field] of cases) {
      assert.throws(
        () => replayCharge(captured(), request),
        (error: unknown) => error instanceof PaymentMismatchError && field.test(error.message),
      );
    }
  });

  it('refuses a charge for an order voided by an earlier refund', () => {
    const tombstone = voidedTombstone('o-1', 'saga compensation', 'c-1', AT);
    assert.throws(() => replayCharge(tombstone, REQUEST), PaymentVoidedError);
  });

  it('refuses to charge a refunded order again', () => {
    const refunded: Payment = { ...captured(), status: 'REFUNDED' };
    assert.throws(() => replayCharge(refunded, REQUEST), PaymentRefundedError);
  });
});
