import { DomainError } from '#platform';

/** A request without a valid access token. `reason` is safe to show to the caller. */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A valid token whose role may not do this. */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
  constructor(readonly reason: string) {
    super(reason);
  }
}
