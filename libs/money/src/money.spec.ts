import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney, isSupportedCurrency } from './index.js';

describe('currency allowlist', () => {
  it('accepts listed upper-case ISO 4217 codes only', () => {
    assert.ok(isSupportedCurrency('EUR'));
    assert.ok(isSupportedCurrency('JPY'));
    for (const code of ['eur', 'XXX', 'EURO', '', 'toString', '__proto__']) {
      assert.equal(isSupportedCurrency(code), false, code);
    }
  });

  it('formats minor units with the currency digits', () => {
    assert.equal(formatMoney(123_456, 'EUR'), '1234.56 EUR');
    assert.equal(formatMoney(5, 'USD'), '0.05 USD');
    assert.equal(formatMoney(1_000, 'JPY'), '1000 JPY');
    assert.equal(formatMoney(-250, 'GBP'), '-2.50 GBP');
  });
});
