import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, type PostgresEndpoint } from '#platform';
import { startApp, testIdentity, testPostgres, type AppProcess, type TestIdentity } from '#testing';

export interface ApiReply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ConsoleFixture {
  orders: AppProcess;
  identity: TestIdentity;
  postgres: PostgresEndpoint;
  db: pg.Client;
  adminToken: string;
  customerToken: string;
  api<T = Record<string, unknown>>(
    path: string,
    options?: { token?: string; method?: string; body?: unknown },
  ): Promise<ApiReply<T>>;
  /** Writes an order and its saga straight into the database, as the engine would have left it. */
  seedSaga(saga: SeedSaga): Promise<{ sagaId: string; orderId: string }>;
  stop(): Promise<void>;
}

export interface SeedSaga {
  status: string;
  type?: string;
  step?: string;
  ending?: string | null;
  ageMs: number;
  orderId?: string;
}

export const ADMIN_SUBJECT = 'ops-admin';

/** The Prometheus rules that alert on what the console shows (docker/observability/alerts). */
export const ALERTS_DIR = fileURLToPath(
  new URL('../../../../../docker/observability/alerts/', import.meta.url),
);

/**
 * orders as a real process on a fresh PostgreSQL database, tokens from a test identity, and
 * payments at an address where nothing listens: every charge's outcome is unknown and every
 * refund fails, so real orders end STUCK after SAGA_MAX_COMPENSATION_ATTEMPTS.
 */
export async function startConsoleFixture(
  env: Record<string, string> = {},
): Promise<ConsoleFixture> {
  const identity = await testIdentity();
  const postgres = await testPostgres();
  const orders = await startApp('orders', {
    grpc: true,
    env: {
      ...identity.env,
      DATABASE_URL: postgres.url,
      PAYMENTS_GRPC_URL: `127.0.0.1:${await freePort()}`,
      AUTH_URL: `http://127.0.0.1:${await freePort()}`,
      PAYMENTS_RETRIES: '0',
      PAYMENTS_DEADLINE_MS: '300',
      PAYMENTS_BREAKER_THRESHOLD: '1000',
      SAGA_MAX_COMPENSATION_ATTEMPTS: '2',
      SAGA_RETRY_INITIAL_MS: '50',
      SAGA_RETRY_MAX_MS: '100',
      SAGA_RECOVERY_INTERVAL_MS: '100',
      SAGA_RUN_BUDGET_MS: '3000',
      SAGA_OVERDUE_AFTER_MS: '3600000',
      TRACE_VIEWER_URL: 'http://jaeger.test/trace/{traceId}',
      ...env,
    },
  });
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  const base = `http://127.0.0.1:${orders.httpPort}`;
  return {
    orders,
    identity,
    postgres,
    db,
    adminToken: await identity.token(ADMIN_SUBJECT, 'admin'),
    customerToken: await identity.token('carol', 'customer'),
    api: async <T>(
      path: string,
      options: { token?: string; method?: string; body?: unknown } = {},
    ) => {
      const headers: Record<string, string> = {};
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${base}${path}`, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      const body = (text ? JSON.parse(text) : {}) as T;
      return { status: response.status, body, headers: response.headers };
    },
    seedSaga: (saga) => seedSaga(db, saga),
    stop: async () => {
      await db.end();
      await orders.stop();
      await Promise.all([postgres.close(), identity.close()]);
    },
  };
}

async function seedSaga(db: pg.Client, saga: SeedSaga) {
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
  // Unfinished seeded sagas are leased far ahead to an engine that does not exist, so this
  // process's recovery worker leaves them exactly as seeded.
  await db.query(
    `INSERT INTO saga_instances (id, type, order_id, status, step, attempts, ending, owner,
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

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
