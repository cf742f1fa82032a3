import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { FAULT_MARKERS, ordersV1, PROTO_FILES } from '#contracts';
import { grpcClient, login, type AppProcess, type TestSystem } from '#testing';

export interface HttpOrder {
  id: string;
  status: string;
}

export interface Traffic {
  password: string;
  wrongPassword: string;
  token: string;
  grpcOrderId: string;
}

/**
 * A customer logs in (and once with a wrong password), places orders over HTTP that end
 * APPROVED, REJECTED and CANCELLED (compensated: needs SAGA_FAULTS_ENABLED), cancels the approved
 * one, places one over gRPC, and makes one unauthenticated call on each transport.
 */
export async function driveTraffic(system: TestSystem): Promise<Traffic> {
  const username = `telemetry-${randomUUID().slice(0, 8)}`;
  const password = `customer-${randomUUID()}`;
  const wrongPassword = `wrong-${randomUUID()}`;
  const token = await login(system.auth.httpPort, username, password);
  await loginRefused(system.auth, username, wrongPassword);
  const approved = await createOrder(system.orders, token, 4_200, '');
  assert.equal(approved.status, 'APPROVED');
  assert.equal((await createOrder(system.orders, token, 150_000, '')).status, 'REJECTED');
  const compensated = await createOrder(system.orders, token, 700, FAULT_MARKERS.failConfirm);
  assert.equal(compensated.status, 'CANCELLED');
  const cancel = await fetch(`${ordersUrl(system.orders)}/${approved.id}/cancel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(cancel.status, 200, await cancel.text());
  assert.equal((await fetch(ordersUrl(system.orders))).status, 401);
  const client = grpcClient<ordersV1.OrderServiceClient>(
    PROTO_FILES.orders,
    'orders.v1.OrderService',
    `127.0.0.1:${system.orders.grpcPort}`,
  );
  try {
    const amount = { currencyCode: 'EUR', amountMinor: 990 };
    const { order } = await client.createOrder(
      { idempotencyKey: randomUUID(), amount, description: '' },
      token,
    );
    await assert.rejects(client.getOrder({ orderId: order!.id }), { code: 16 });
    return { password, wrongPassword, token, grpcOrderId: order!.id };
  } finally {
    client.close();
  }
}

export const ordersUrl = (orders: AppProcess) => `http://127.0.0.1:${orders.httpPort}/v1/orders`;

export async function createOrder(
  orders: AppProcess,
  token: string,
  amountMinor: number,
  description: string,
): Promise<HttpOrder> {
  const response = await fetch(ordersUrl(orders), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      idempotency_key: randomUUID(),
      amount: { currency_code: 'EUR', amount_minor: amountMinor },
      description,
    }),
  });
  if (response.status !== 201)
    throw new Error(`create order: ${response.status} ${await response.text()}`);
  return (await response.json()) as HttpOrder;
}

/** A login with a wrong password: auth must refuse it (and must not log the password). */
export async function loginRefused(
  auth: AppProcess,
  username: string,
  password: string,
): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${auth.httpPort}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 401) throw new Error(`wrong password answered ${response.status}`);
}

export type LogLine = Record<string, unknown>;

/** The process's output lines parsed as JSON; a line that is not JSON fails the caller's test. */
export function logLines(app: AppProcess): LogLine[] {
  return app.output.map((line) => {
    try {
      return JSON.parse(line) as LogLine;
    } catch {
      throw new Error(`${app.name} wrote a line that is not JSON: ${line}`);
    }
  });
}
