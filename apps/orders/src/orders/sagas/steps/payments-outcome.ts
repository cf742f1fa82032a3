import { StepNotAttemptedError, StepOutcomeUnknownError } from '#saga';
import {
  PaymentNotAttemptedError,
  PaymentOutcomeUnknownError,
} from '../../../payments-client/payments.errors.js';

/** A payments call as a saga step sees it: the port's outcomes in the engine's terms. */
export async function paymentsCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Maybe charged or refunded: the engine compensates (payments tombstones what never came).
    if (error instanceof PaymentOutcomeUnknownError)
      throw new StepOutcomeUnknownError(error.message);
    // Never left orders: a free retry once the breaker may let calls through again.
    if (error instanceof PaymentNotAttemptedError) {
      throw new StepNotAttemptedError(error.message, error.retryAfterMs);
    }
    throw error;
  }
}
