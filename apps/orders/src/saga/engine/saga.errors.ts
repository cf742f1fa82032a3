/** Another engine owns the saga now (its lease expired here), or a concurrent transition won. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(sagaId: string) {
    super(`saga ${sagaId} is no longer held by this engine at this version`);
  }
}

/** A local step threw: its transaction is rolled back and the transition re-applied with it failed. */
export class LocalStepFailure extends Error {
  override readonly name = 'LocalStepFailure';
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}
