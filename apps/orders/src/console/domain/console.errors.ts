// Codes are mapped to transport statuses in apps/orders/src/error-map.ts.

export class SagaNotFoundError extends Error {
  override readonly name = 'SagaNotFoundError';
  readonly code = 'SAGA_NOT_FOUND';
  constructor(sagaId: string) {
    super(`saga ${sagaId} not found`);
  }
}

/** An operator action on a saga the engine still drives or has finished. */
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

/** The console could not reach auth to sign someone in. */
export class AuthUnavailableError extends Error {
  override readonly name = 'AuthUnavailableError';
  readonly code = 'UNAVAILABLE';
  constructor() {
    super('sign-in is unavailable: the auth service did not answer; try again shortly');
  }
}
