// Codes are mapped to transport statuses in apps/orders/src/error-map.ts.

/** The console could not reach auth to sign someone in. */
export class AuthUnavailableError extends Error {
  override readonly name = 'AuthUnavailableError';
  readonly code = 'UNAVAILABLE';
  constructor() {
    super('sign-in is unavailable: the auth service did not answer; try again shortly');
  }
}
