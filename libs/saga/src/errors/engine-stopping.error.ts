/** The engine is shutting down and starts no new saga; the caller may try another replica. */
export class SagaEngineStoppingError extends Error {
  override readonly name = 'SagaEngineStoppingError';
  readonly code = 'UNAVAILABLE';
  constructor() {
    super('shutting down: no new saga is started here; try again');
  }
}
