/** The call may or may not have reached payments (deadline exceeded, connection lost). */
export class PaymentOutcomeUnknownError extends Error {
  override readonly name = 'PaymentOutcomeUnknownError';
}

/** Payments answered and surely did nothing (refused, bad input). */
export class PaymentFailedError extends Error {
  override readonly name = 'PaymentFailedError';
}

/**
 * The call never left orders: the circuit breaker is open after repeated failures. Nothing
 * happened; try again no sooner than `retryAfterMs` (the breaker's half-open time).
 */
export class PaymentNotAttemptedError extends Error {
  override readonly name = 'PaymentNotAttemptedError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
