import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, type PostgresEndpoint } from '#platform';
import { startApp, testIdentity, testPostgres, type AppProcess, type TestIdentity } from '#testing';
import { seedSaga, type SeedSaga } from './console-seed.js';

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

export const ADMIN_SUBJECT = 'ops-admin';
/** The admin's username (`preferred_username`), which the timeline records as the actor. */
export const ADMIN_USERNAME = 'alice.ops';

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
    adminToken: await identity.token(ADMIN_SUBJECT, 'admin', '15m', ADMIN_USERNAME),
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

/**
 * Places a real order as the customer; with payments unreachable the engine drives its saga to
 * STUCK (charge outcome unknown, then every refund fails). Returns the saga id.
 */
export async function placeStuckSaga(fx: ConsoleFixture): Promise<string> {
  const created = await fx.api<{ id: string }>('/v1/orders', {
    token: fx.customerToken,
    method: 'POST',
    body: { idempotency_key: randomUUID(), amount: { currency_code: 'EUR', amount_minor: 700 } },
  });
  if (created.status !== 201) throw new Error(`order refused: ${JSON.stringify(created.body)}`);
  return eventually(async () => {
    const page = await fx.api<{ sagas: Array<{ id: string; status: string }> }>(
      `/console/api/sagas?order_id=${created.body.id}`,
      { token: fx.adminToken },
    );
    const saga = page.body.sagas[0];
    return saga?.status === 'STUCK' ? saga.id : undefined;
  }, "the order's saga to get STUCK");
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
