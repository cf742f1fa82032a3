import { rejected, succeeded, type LocalStep } from '#saga';
import { FRAUD_WINDOW_MS, velocityVerdict } from '../../domain/fraud-velocity.js';
import type { FraudScreeningRepository } from '../../persistence/fraud-screening.repository.js';
import type { CreateOrderPayload } from '../create-order.payload.js';

/**
 * create-order v2: holds a customer's order past the hourly velocity limit (the charge is then
 * refunded and the order REJECTED). A passed screening counts against the limit; undone (the
 * order was not confirmed), it no longer does. A limit of 0 turns the rule off; the screening is
 * still recorded, so turning it on later counts the last hour.
 */
export function fraudCheckStep(
  screenings: FraudScreeningRepository,
  maxPerHour: number,
): LocalStep<CreateOrderPayload> {
  return {
    name: 'fraud-check',
    local: true,
    async execute({ tx, correlationId: orderId, payload: { customerId }, at }) {
      if (maxPerHour > 0) {
        const since = new Date(at.getTime() - FRAUD_WINDOW_MS);
        const screened = await screenings.screenedSince(tx, customerId, since, maxPerHour);
        const verdict = velocityVerdict(screened, maxPerHour);
        if (!verdict.pass) return rejected(verdict.reason);
      }
      await screenings.record(tx, orderId, customerId, at);
      return succeeded();
    },
    async compensate({ tx, correlationId: orderId, at }) {
      await screenings.void(tx, orderId, at);
    },
  };
}
