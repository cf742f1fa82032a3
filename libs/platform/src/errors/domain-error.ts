/**
 * Base of every domain error: a stable machine-readable `code` (mapped to a transport status in
 * one table per service) and a message safe to show to the caller.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Bad input at the edge: INVALID_ARGUMENT / 400. */
export class InvalidArgumentError extends DomainError {
  override readonly name = 'InvalidArgumentError';
  readonly code = 'INVALID_ARGUMENT';
}

/** Too many attempts: RATE_LIMITED / 429, with the wait in `Retry-After` (a gRPC trailer too). */
export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
