import type { Caller } from './caller.js';
import { UnauthenticatedError } from './identity.errors.js';

// Guards attach the verified caller to the request object (HTTP) or the call's metadata (gRPC);
// a WeakMap keeps it out of anything a client could set itself.
const callers = new WeakMap<object, Caller>();

export function attachCaller(carrier: object, caller: Caller): void {
  callers.set(carrier, caller);
}

/** The verified caller of an HTTP request or a gRPC call's metadata; throws if none was verified. */
export function callerOf(carrier: object | undefined): Caller {
  const caller = carrier ? callers.get(carrier) : undefined;
  if (!caller) throw new UnauthenticatedError('request was not authenticated');
  return caller;
}
