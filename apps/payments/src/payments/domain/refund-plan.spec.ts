import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newCharge, voidedTombstone, type Payment, type PaymentStatus } from './payment.js';
import { refundPlan } from './refund-plan.js';

const AT = new Date('2030-01-01T00:00:00Z');
const withStatus = (status: PaymentStatus): Payment => ({
  ...newCharge(
    { orderId: 'o-1', customerId: 'c-1', amount: { currencyCode: 'EUR', amountMinor: 100 } },
    { status: 'CAPTURED', reason: '' },
    'c-1',
    AT,
  ),
  status,
});

describe('refundPlan', () => {
  it('voids an order that has no ledger entry', () => {
    assert.deepEqual(refundPlan(null), { action: 'void' });
  });

  it('refunds a capture', () => {
    assert.equal(refundPlan(withStatus('CAPTURED')).action, 'refund');
  });

  it('leaves refunded, declined and voided entries unchanged', () => {
    for (const payment of [
      withStatus('REFUNDED'),
      withStatus('DECLINED'),
      voidedTombstone('o-1', 'r', 'c-1', AT),
    ]) {
      assert.deepEqual(refundPlan(payment), { action: 'unchanged', payment });
    }
  });
});
