/**
 * The currencies the ledger accepts (ISO 4217, upper case) and their minor-unit digits. A fixed
 * allowlist: an unknown code is refused at the edge rather than guessed.
 */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  JPY: 0,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  KRW: 0,
};

export const SUPPORTED_CURRENCIES: readonly string[] = Object.keys(MINOR_DIGITS);

export function isSupportedCurrency(code: string): boolean {
  return Object.hasOwn(MINOR_DIGITS, code);
}

/** 123456 EUR → "1234.56 EUR"; 1000 JPY → "1000 JPY". */
export function formatMoney(amountMinor: number, currencyCode: string): string {
  const digits = MINOR_DIGITS[currencyCode] ?? 2;
  const sign = amountMinor < 0 ? '-' : '';
  const units = Math.abs(amountMinor)
    .toString()
    .padStart(digits + 1, '0');
  const major = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return `${sign}${major} ${currencyCode}`;
}
