export class SagaNotFoundError extends Error {
  override readonly name = 'SagaNotFoundError';
  readonly code = 'SAGA_NOT_FOUND';
  constructor(sagaId: string) {
    super(`saga ${sagaId} not found`);
  }
}
