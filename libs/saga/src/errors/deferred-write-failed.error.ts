/**
 * A write sent without waiting for its answer (`sendSql` in a transaction with `deferWrites`)
 * failed, so the whole transaction rolled back. `cause` is that write's own error; which step
 * sent it is not known here, so the engine runs the transaction again with every write awaited.
 */
export class DeferredWriteFailedError extends Error {
  override readonly name = 'DeferredWriteFailedError';
  constructor(cause: unknown) {
    super(`a deferred write failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}
