/** How many orders a customer may have screened in an hour before the next one is held. */
export const FRAUD_WINDOW_MS = 3_600_000;

export type FraudVerdict = { pass: true } | { pass: false; reason: string };

/**
 * The velocity rule of create-order v2: a customer's orders that passed screening in the last
 * hour (this one not counted yet) must stay below the limit. A soft limit: two orders screened
 * at the same instant may both pass.
 */
export function velocityVerdict(screenedLastHour: number, maxPerHour: number): FraudVerdict {
  if (screenedLastHour < maxPerHour) return { pass: true };
  return {
    pass: false,
    reason: `held by the fraud check: ${screenedLastHour} orders in the last hour (limit ${maxPerHour})`,
  };
}
