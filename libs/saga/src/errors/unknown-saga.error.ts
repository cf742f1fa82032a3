/** No registered definition for a saga's type and version. */
export class UnknownSagaError extends Error {
  override readonly name = 'UnknownSagaError';
  readonly code = 'UNKNOWN_SAGA';
  constructor(type: string, version?: number) {
    super(
      version === undefined
        ? `no saga definition registered for type ${type}`
        : `no saga definition registered for ${type} v${version}`,
    );
  }
}
