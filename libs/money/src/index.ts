// Money as every service sees it: no dependencies, so domain code may use it.
export {
  CURRENCY_MINOR_DIGITS,
  isSupportedCurrency,
  MAX_AMOUNT_MINOR,
  SUPPORTED_CURRENCIES,
} from './currencies.js';
export { formatMoney } from './format-money.js';
