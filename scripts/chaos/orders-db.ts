import pg from 'pg';

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
