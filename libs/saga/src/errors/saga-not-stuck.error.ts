/** An operator action on a saga the engine still drives or that has already ended. */
export class SagaNotStuckError extends Error {
  override readonly name = 'SagaNotStuckError';
  readonly code = 'SAGA_NOT_STUCK';
  constructor(sagaId: string, status: string, action: string) {
    super(
      `saga ${sagaId} is ${status}: only a STUCK saga can be ${action}; ` +
        (status === 'RUNNING' || status === 'COMPENSATING'
          ? 'the engine is still working on this one'
          : 'this one has already ended'),
    );
  }
}
