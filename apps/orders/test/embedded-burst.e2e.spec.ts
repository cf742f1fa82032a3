import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { checkSagaInvariants, login, startEmbeddedSystem, type EmbeddedSystem } from '#testing';

const BURST = 500;
const TERMINAL = new Set(['APPROVED', 'REJECTED', 'CANCELLED']);

interface Order {
  id: string;
  status: string;
}

/**
 * The path a user runs first: `npm start`'s embedded stores (PGlite, FerretDB on SQLite), hit by
 * 500 CancelOrder calls on approved orders and 500 CreateOrder calls at once. Every call must be
 * answered, every saga settle, and DESIGN.md's invariants hold in both stores.
 */
describe('embedded stores under a burst', () => {
  let system: EmbeddedSystem;
  let token: string;
  before(async () => {
    system = await startEmbeddedSystem();
    token = await login(system.auth.httpPort, 'burst-customer', 'burst customer password');
  });
  after(async () => {
    await system?.close();
  });

  const call = async (method: string, path: string, body?: object, key?: string) => {
    const res = await fetch(`http://127.0.0.1:${system.orders.httpPort}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    if (!res.ok) {
      const errors = system.orders.output.filter((line) => line.includes('"level":50'));
      assert.fail(`${method} ${path} → ${res.status} ${text}\n${errors.slice(-3).join('\n')}`);
    }
    return JSON.parse(text) as Order;
  };
  const create = (key: string) =>
    call('POST', '/v1/orders', { amount: { currency_code: 'EUR', amount_minor: 1_999 } }, key);

  async function settled(
    ids: string[],
    timeoutMs: number,
    done = (status: string) => TERMINAL.has(status),
  ): Promise<Map<string, string>> {
    const status = new Map<string, string>();
    const deadline = Date.now() + timeoutMs;
    let open = ids;
    while (open.length > 0 && Date.now() < deadline) {
      for (let i = 0; i < open.length; i += 25) {
        const batch = open.slice(i, i + 25);
        const orders = await Promise.all(batch.map((id) => call('GET', `/v1/orders/${id}`)));
        for (const order of orders) status.set(order.id, order.status);
      }
      open = open.filter((id) => !done(status.get(id)!));
      if (open.length > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    assert.deepEqual(open, [], 'every order reached a terminal state');
    return status;
  }

  it(
    '500 concurrent CancelOrder on approved orders and 500 concurrent CreateOrder all settle, invariants hold',
    { timeout: 900_000 },
    async () => {
      const acknowledged = new Map<string, Set<string>>();
      const placeAll = (keys: string[]) =>
        Promise.all(
          keys.map(async (key) => {
            const order = await create(key);
            acknowledged.set(key, new Set([order.id]));
            return order.id;
          }),
        );
      // Approved orders to cancel: on a busy machine a charge may outlast orders' payments
      // deadline and be compensated, so orders are placed until BURST of them are APPROVED.
      const approved: string[] = [];
      for (let round = 0; approved.length < BURST && round < 20; round++) {
        const keys = Array.from({ length: 50 }, () => randomUUID());
        const status = await settled(await placeAll(keys), 300_000);
        approved.push(...[...status].filter(([, s]) => s === 'APPROVED').map(([id]) => id));
      }
      approved.splice(BURST);
      assert.equal(approved.length, BURST, `${BURST} approved orders to cancel`);

      const secondKeys = Array.from({ length: BURST }, () => randomUUID());
      const [cancels, created] = await Promise.all([
        Promise.all(approved.map((id) => call('POST', `/v1/orders/${id}/cancel`))),
        placeAll(secondKeys),
      ]);
      assert.equal(cancels.length, BURST, 'every cancel was answered');
      // A cancel answers within its run budget; the order turns CANCELLED when its refund saga ends.
      const after = new Map([
        ...(await settled(approved, 600_000, (status) => status !== 'APPROVED')),
        ...(await settled(created, 600_000)),
      ]);
      const tally = (ids: string[]) => {
        const counts: Record<string, number> = {};
        for (const id of ids) counts[after.get(id)!] = (counts[after.get(id)!] ?? 0) + 1;
        return counts;
      };
      assert.deepEqual(tally(approved), { CANCELLED: BURST }, 'every cancel took effect');
      assert.equal(created.length, BURST, 'every create was answered');

      const { ordersDb, paymentsDb } = await system.stopAndOpenStores();
      assert.deepEqual(await checkSagaInvariants(ordersDb.url, paymentsDb.url, acknowledged), []);
    },
  );
});
