import { AsyncLocalStorage } from 'node:async_hooks';

type Fields = Record<string, string>;
const storage = new AsyncLocalStorage<Fields>();

/**
 * Business ids of the request being handled (order_id, saga_id), added to every log line the
 * request writes after they are known, its "request completed" / "rpc completed" line included.
 * The transports open the scope (an HTTP middleware, the gRPC logging interceptor); code that
 * learns an id calls `addLogFields`. Outside a request it does nothing.
 */
export function runWithLogContext<T>(work: () => T): T {
  return storage.run({}, work);
}

export function addLogFields(fields: Record<string, string | undefined>): void {
  const store = storage.getStore();
  if (!store) return;
  for (const [key, value] of Object.entries(fields)) if (value) store[key] = value;
}

/** pino's `mixin`: merged into each line. */
export function logContextFields(): Fields {
  return storage.getStore() ?? {};
}
