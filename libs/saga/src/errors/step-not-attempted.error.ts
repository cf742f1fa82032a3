/**
 * Thrown by a step that never reached its target (an open circuit breaker refused the call):
 * nothing happened, so the try costs no attempt, and the next one waits at least `retryAfterMs`.
 */
export class StepNotAttemptedError extends Error {
  override readonly name = 'StepNotAttemptedError';
  constructor(
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}
