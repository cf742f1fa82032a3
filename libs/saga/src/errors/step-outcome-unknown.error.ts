/**
 * Thrown by a step whose effect may or may not have happened (a call that timed out after it
 * was sent): the engine compensates the step itself, not only those before it.
 */
export class StepOutcomeUnknownError extends Error {
  override readonly name = 'StepOutcomeUnknownError';
}
