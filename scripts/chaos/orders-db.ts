import pg from 'pg';
import type { RecordedSaga } from './version-conformance.js';

/** One query on orders' database, on a connection of its own (the apps' pools are not ours). */
export async function ordersQuery<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Sagas not yet terminal and not waiting for a person. */
export async function sagasUnderWay(url: string): Promise<number> {
  const rows = await ordersQuery<{ n: string }>(
    url,
    `SELECT count(*) AS n FROM saga_instances WHERE status IN ('RUNNING', 'COMPENSATING')`,
  );
  return Number(rows[0]!.n);
}

export async function ordersByStatus(url: string): Promise<Record<string, number>> {
  const rows = await ordersQuery<{ status: string; n: string }>(
    url,
    'SELECT status, count(*) AS n FROM orders GROUP BY status',
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/** Every saga with its timeline's rows in the order they were written. */
export async function recordedSagas(url: string) {
  const rows = await ordersQuery<{
    id: string;
    order_id: string;
    type: string;
    version: number;
    status: string;
    step: string | null;
    action: string | null;
    outcome: string | null;
  }>(
    url,
    `SELECT s.id, s.correlation_id AS order_id, s.type, s.version, s.status,
            t.step, t.action, t.outcome
       FROM saga_instances s LEFT JOIN saga_steps t ON t.saga_id = s.id
      ORDER BY s.id, t.seq`,
  );
  const sagas = new Map<string, RecordedSaga>();
  for (const row of rows) {
    const saga = sagas.get(row.id) ?? {
      orderId: row.order_id,
      type: row.type,
      version: row.version,
      status: row.status,
      rows: [],
    };
    if (row.step && row.action && row.outcome) {
      saga.rows.push({ step: row.step, action: row.action, outcome: row.outcome });
    }
    sagas.set(row.id, saga);
  }
  return [...sagas.values()];
}
