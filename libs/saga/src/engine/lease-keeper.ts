import type { SagaRecord } from '../store/saga-record.js';
import type { SagaStore } from '../store/saga-store.port.js';

/**
 * Keeps an engine's lease on a saga alive while one of its actions runs, so a step slower than
 * the lease is not taken over (and run twice) by the recovery worker. Fast steps end before the
 * first renewal and cost nothing.
 */
export async function whileLeased<T>(
  store: SagaStore,
  saga: SagaRecord,
  leaseMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const held = { owner: saga.owner!, revision: saga.revision };
  const timer = setInterval(
    () => void store.renew(saga.id, held, new Date(Date.now() + leaseMs)).catch(() => false),
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  timer.unref(); // renewing a lease is no reason to keep a process alive
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
