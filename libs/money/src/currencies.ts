/**
 * The currencies the system accepts (ISO 4217, upper case) with their minor-unit digits. One
 * fixed allowlist for every service: an unknown code is refused at the edge, never guessed.
 */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<string, number>> = {
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

export const SUPPORTED_CURRENCIES: readonly string[] = Object.keys(CURRENCY_MINOR_DIGITS);

export function isSupportedCurrency(code: string): boolean {
  return Object.hasOwn(CURRENCY_MINOR_DIGITS, code);
}

/** 10^12 minor units: far above any order, far below 2^53, so amounts stay exact numbers. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;
