/** A definition that cannot run (no steps, duplicate names) or a payload its schema refuses. */
export class InvalidSagaError extends Error {
  override readonly name = 'InvalidSagaError';
  readonly code = 'INVALID_SAGA';
}
