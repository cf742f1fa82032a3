/**
 * Errors that say a store's connection was lost or could not be had, rather than that a query
 * was wrong: socket errors, PostgreSQL's "connection terminated" and its admin-shutdown /
 * cannot-connect-now / connection-exception codes, the MongoDB driver's network and selection
 * errors, and a pool that timed out connecting. The request did not fail on its merits, so the
 * caller is told to retry (with its idempotency key) instead of being given a server fault.
 */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const MONGO_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
]);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection is closed/i;

/** True when `error`, or an error it wraps (TypeORM's driverError, a cause), lost its store. */
export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, name, message, driverError, cause } = error as Record<string, unknown>;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || POSTGRES_CODES.has(code))) return true;
  if (typeof name === 'string' && MONGO_NAMES.has(name)) return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  return isStoreUnavailable(driverError, depth + 1) || isStoreUnavailable(cause, depth + 1);
}
