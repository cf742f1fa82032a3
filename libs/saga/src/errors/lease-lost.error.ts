/** Another engine holds the saga now (this one's lease expired), or an operator changed it. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(sagaId: string) {
    super(`saga ${sagaId} is no longer held by this engine at this revision`);
  }
}
