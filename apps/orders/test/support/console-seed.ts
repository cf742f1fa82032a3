import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface SeedSaga {
  status: string;
  type?: string;
  step?: string;
  ending?: string | null;
  ageMs: number;
  orderId?: string;
}

/**
 * Writes an order and its saga straight into the database, as the engine would have left them.
 * Unfinished ones are leased far ahead to an engine that does not exist, so the recovery worker
 * of the process under test leaves them exactly as seeded.
 */
export async function seedSaga(db: pg.Client, saga: SeedSaga) {
  const createdAt = new Date(Date.now() - saga.ageMs);
  const orderId = saga.orderId ?? randomUUID();
  if (!saga.orderId) {
    await db.query(
      `INSERT INTO orders (id, customer_id, idempotency_key, request_fingerprint, currency_code,
         amount_minor, description, status, created_at, updated_at)
       VALUES ($1, 'seeded', $2, $3, 'EUR', 1234, 'seeded', 'PENDING', $4, $4)`,
      [orderId, randomUUID(), '0'.repeat(64), createdAt],
    );
  }
  const sagaId = randomUUID();
  const terminal = ['COMPLETED', 'REJECTED', 'COMPENSATED'].includes(saga.status);
  await db.query(
    `INSERT INTO saga_instances (id, type, correlation_id, status, step, attempts, ending, owner,
       next_attempt_at, created_at, updated_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, 0, $6, 'elsewhere', now() + interval '1 day', $7, $7, $8)`,
    [
      sagaId,
      saga.type ?? 'create-order',
      orderId,
      saga.status,
      saga.step ?? 'charge',
      saga.ending ?? null,
      createdAt,
      terminal ? createdAt : null,
    ],
  );
  return { sagaId, orderId };
}
