import { formatMoney } from '#money';
import type { ChargeDecision, Money } from './payment.js';

/** Stable prefix of a decline reason, so callers and dashboards can recognise it. */
export const OVER_LIMIT = 'AMOUNT_OVER_LIMIT';

/**
 * The seed business rule: an amount at or above the limit (in minor units, from configuration)
 * is declined. A decline is an outcome the caller branches on, not an error.
 */
export function decideCharge(amount: Money, limitMinor: number): ChargeDecision {
  if (amount.amountMinor < limitMinor) return { status: 'CAPTURED', reason: '' };
  const shown = formatMoney(amount.amountMinor, amount.currencyCode);
  const limit = formatMoney(limitMinor, amount.currencyCode);
  return {
    status: 'DECLINED',
    reason: `${OVER_LIMIT}: ${shown} is at or above the limit ${limit}`,
  };
}
