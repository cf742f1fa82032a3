import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '#platform';
import { login } from '#testing';
import { startLauncher, type Launcher } from './launcher-process.js';

const TERMINAL = new Set(['APPROVED', 'REJECTED', 'CANCELLED']);

async function placeOrder(ordersPort: number, token: string): Promise<string | undefined> {
  const res = await fetch(`http://127.0.0.1:${ordersPort}/v1/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ amount: { currency_code: 'EUR', amount_minor: 1_250 } }),
    signal: AbortSignal.timeout(20_000),
  }).catch(() => undefined);
  if (!res?.ok) return undefined;
  return ((await res.json()) as { id: string }).id;
}

async function orderStatus(ordersPort: number, token: string, id: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${ordersPort}/v1/orders/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { status: string }).status;
}

// `npm start` on the embedded stores, its payments store frozen with SIGSTOP under a stream of
// orders: the launcher must say payments is not ready and why, restart it once its liveness
// fails, and every order placed must still end terminal.
describe('npm start launcher watching health', () => {
  let dataDir: string;
  let launcher: Launcher;
  before(async () => (dataDir = await mkdtemp(join(tmpdir(), 'saga-launcher-health-'))));
  after(async () => {
    await launcher?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports a frozen store, restarts payments when its liveness fails, and every order settles', async () => {
    const ports = {
      AUTH_HTTP_PORT: await freePort(),
      ORDERS_HTTP_PORT: await freePort(),
      ORDERS_GRPC_PORT: await freePort(),
      PAYMENTS_HTTP_PORT: await freePort(),
      PAYMENTS_GRPC_PORT: await freePort(),
    };
    launcher = startLauncher({
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      SAGA_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      MONGO_URL: undefined,
      REDIS_URL: undefined,
      STORE_PING_TIMEOUT_MS: '1000',
      STORE_PROBE_INTERVAL_MS: '1000',
      STORE_DOWN_LIVENESS_MS: '5000',
      // The outage lasts the liveness limit plus a restart: compensations must outlast it.
      SAGA_MAX_COMPENSATION_ATTEMPTS: '60',
      SAGA_RETRY_MAX_MS: '2000',
    });
    await launcher.waitFor(/all services are ready/, 150_000);
    const ferretPid = Number(await readFile(join(dataDir, 'payments/mongo/ferretdb.pid'), 'utf8'));
    const token = await login(ports.AUTH_HTTP_PORT, 'freeze-customer', 'freeze customer password');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      iss: string;
    };
    assert.equal(claims.iss, `http://localhost:${ports.AUTH_HTTP_PORT}`, 'iss follows auth port');

    const placed: Array<Promise<string | undefined>> = [];
    const stream = setInterval(() => placed.push(placeOrder(ports.ORDERS_HTTP_PORT, token)), 250);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      process.kill(ferretPid, 'SIGSTOP');
      await launcher.waitFor(/\[launcher\] payments is not ready: 503 mongo: /, 30_000);
      await launcher.waitFor(
        /payments failed liveness \(503 .*\); restarting it \(1 of 3\)/,
        60_000,
      );
      await launcher.waitFor(/payments restarted and ready/, 90_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      clearInterval(stream);
    }
    assert.throws(() => process.kill(ferretPid, 0), 'the frozen FerretDB was stopped');
    assert.doesNotMatch(launcher.output(), /stopping everything/);

    const ids = (await Promise.all(placed)).filter((id): id is string => id !== undefined);
    assert.ok(ids.length >= 5, `orders were placed around the freeze (${ids.length})`);
    const deadline = Date.now() + 120_000;
    let open = ids;
    while (open.length > 0 && Date.now() < deadline) {
      const statuses = await Promise.all(
        open.map((id) => orderStatus(ports.ORDERS_HTTP_PORT, token, id)),
      );
      open = open.filter((_, i) => !TERMINAL.has(statuses[i]!));
      if (open.length > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    assert.deepEqual(open, [], 'every order placed ends APPROVED, REJECTED or CANCELLED');
    const log = await readFile(join(dataDir, 'logs/payments.log'), 'utf8');
    assert.equal(log.match(/payments listening/g)?.length, 2, 'both lives in one log');
  });
});
