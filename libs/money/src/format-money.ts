import { CURRENCY_MINOR_DIGITS } from './currencies.js';

/** 123456 EUR → "1234.56 EUR"; 1000 JPY → "1000 JPY". */
export function formatMoney(amountMinor: number, currencyCode: string): string {
  const digits = CURRENCY_MINOR_DIGITS[currencyCode] ?? 2;
  const sign = amountMinor < 0 ? '-' : '';
  const units = Math.abs(amountMinor)
    .toString()
    .padStart(digits + 1, '0');
  const major = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return `${sign}${major} ${currencyCode}`;
}
