import { DomainError } from '../errors/domain-error.js';

/** A store did not answer: UNAVAILABLE / 503, the message naming the store and why. */
export class StoreUnavailableError extends DomainError {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'UNAVAILABLE';
}
