// `npm run demo`: walks a running system (npm start) through the saga's paths and prints each
// order's saga timeline. Exits non-zero with a clear message when the system is not running.
import { randomUUID } from 'node:crypto';
import { DemoClient } from './demo-client.js';
import { timelineTable, type DemoSaga } from './timeline-table.js';
import { FAULT_MARKERS } from '#contracts';

interface DemoOrder {
  id: string;
  status: string;
  status_reason: string;
}

const env = process.env;
const authUrl = env.DEMO_AUTH_URL ?? `http://localhost:${env.AUTH_HTTP_PORT ?? 3001}`;
const ordersUrl = env.DEMO_ORDERS_URL ?? `http://localhost:${env.ORDERS_HTTP_PORT ?? 3002}`;

async function main(): Promise<void> {
  const client = new DemoClient(authUrl, ordersUrl);
  const username = `demo-${randomUUID().slice(0, 8)}`;
  console.log(`auth ${authUrl}, orders ${ordersUrl}\nregistering and logging in as ${username}`);
  await client.login(username, 'demo password 123');

  const place = (label: string, amountMinor: number, description: string) =>
    scenario(client, label, {
      amount: { currency_code: 'EUR', amount_minor: amountMinor },
      description,
    });

  await place('approved: 49.99 EUR', 4_999, 'demo: approved');
  await place('declined: 1000.00 EUR (limit)', 100_000, 'demo: declined');
  const compensated = await place(
    'compensated: confirm fails',
    2_500,
    `demo: compensated ${FAULT_MARKERS.failConfirm}`,
  );
  if (compensated.status !== 'CANCELLED') {
    console.log('  (orders runs without SAGA_FAULTS_ENABLED=true, so confirm did not fail)');
  }
  const toCancel = await place('approved, then cancelled', 1_250, 'demo: cancel me');
  const cancelled = (await client.post(`/v1/orders/${toCancel.id}/cancel`, {})) as DemoOrder;
  console.log(`\n> cancel ${cancelled.id}: ${cancelled.status}`);
  await printSaga(client, cancelled.id);
}

async function scenario(client: DemoClient, label: string, body: object): Promise<DemoOrder> {
  const order = (await client.post('/v1/orders', {
    idempotency_key: randomUUID(),
    ...body,
  })) as DemoOrder;
  const reason = order.status_reason ? ` (${order.status_reason})` : '';
  console.log(`\n> ${label}: order ${order.id} is ${order.status}${reason}`);
  await printSaga(client, order.id);
  return order;
}

async function printSaga(client: DemoClient, orderId: string): Promise<void> {
  const { sagas } = (await client.get(`/v1/orders/${orderId}/saga`)) as { sagas: DemoSaga[] };
  console.log(timelineTable(sagas));
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
