import type { Caller } from './caller.js';
import { UnauthenticatedError } from './identity.errors.js';

// Guards attach the verified caller to the request object (HTTP) or the call's metadata (gRPC);
// a WeakMap keeps it out of anything a client could set itself.
const callers = new WeakMap<object, Caller>();
const principals = new WeakMap<object, Caller>();

export function attachCaller(carrier: object, caller: Caller, onBehalfOf?: Caller): void {
  callers.set(carrier, caller);
  if (onBehalfOf) principals.set(carrier, onBehalfOf);
}

/** The verified caller of an HTTP request or a gRPC call's metadata; throws if none was verified. */
export function callerOf(carrier: object | undefined): Caller {
  const caller = carrier ? callers.get(carrier) : undefined;
  if (!caller) throw new UnauthenticatedError('request was not authenticated');
  return caller;
}

/** The verified person a service caller acts for (ON_BEHALF_OF), if it named one. */
export function onBehalfOf(carrier: object | undefined): Caller | undefined {
  return carrier ? principals.get(carrier) : undefined;
}
