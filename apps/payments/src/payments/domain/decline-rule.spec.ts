import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideCharge, OVER_LIMIT } from './decline-rule.js';

const LIMIT = 100_000; // 1000.00 in a two-digit currency

describe('decideCharge (the seed decline rule)', () => {
  it('captures 999.99 EUR, one cent under the limit', () => {
    assert.deepEqual(decideCharge({ currencyCode: 'EUR', amountMinor: 99_999 }, LIMIT), {
      status: 'CAPTURED',
      reason: '',
    });
  });

  it('declines exactly 1000.00 EUR with a reason naming amount and limit', () => {
    const decision = decideCharge({ currencyCode: 'EUR', amountMinor: 100_000 }, LIMIT);
    assert.equal(decision.status, 'DECLINED');
    assert.equal(
      decision.reason,
      `${OVER_LIMIT}: 1000.00 EUR is at or above the limit 1000.00 EUR`,
    );
  });

  it('declines amounts above the limit too', () => {
    assert.equal(
      decideCharge({ currencyCode: 'USD', amountMinor: 250_000 }, LIMIT).status,
      'DECLINED',
    );
  });

  it('follows a configured limit instead of the default', () => {
    assert.equal(
      decideCharge({ currencyCode: 'EUR', amountMinor: 4_999 }, 5_000).status,
      'CAPTURED',
    );
    assert.equal(
      decideCharge({ currencyCode: 'EUR', amountMinor: 5_000 }, 5_000).status,
      'DECLINED',
    );
  });

  it('applies the limit in minor units whatever the currency digits', () => {
    const decision = decideCharge({ currencyCode: 'JPY', amountMinor: 100_000 }, LIMIT);
    assert.equal(decision.reason, `${OVER_LIMIT}: 100000 JPY is at or above the limit 100000 JPY`);
  });
});
