import { randomUUID } from 'node:crypto';
import { ordersV1, PROTO_FILES } from '#contracts';
import { grpcClient, grpcHealthStatus } from '#testing';
import { startCore, type LiveRun } from './compose-live-steps.js';

type Note = (line: string) => void;

/** The gateway's PID 1 as the container really runs it: uid, capabilities, root filesystem. */
export async function gatewayUnprivileged(run: LiveRun, note: Note): Promise<void> {
  const gateway = (await run.stack.podman.containers()).find((c) => c.service === 'gateway');
  if (!gateway) throw new Error('no gateway container');
  const status = await run.stack.podman.exec(gateway.name, ['cat', '/proc/1/status']);
  const uids = /^Uid:\s+(.*)$/m.exec(status)?.[1]?.split(/\s+/) ?? [];
  const effective = /^CapEff:\s+(\S+)$/m.exec(status)?.[1] ?? '';
  const readOnly = await run.stack.podman.inspect(gateway.name, '{{.HostConfig.ReadonlyRootfs}}');
  const command = (await run.stack.podman.exec(gateway.name, ['cat', '/proc/1/cmdline'])).split(
    '\0',
  )[0];
  if (uids.length === 0 || uids.some((uid) => uid !== '101'))
    throw new Error(`gateway PID 1 runs with uids ${uids.join(' ')}, expected 101`);
  if (!/^0+$/.test(effective)) throw new Error(`gateway PID 1 has capabilities ${effective}`);
  if (readOnly !== 'true') throw new Error('gateway root filesystem is writable');
  note(`PID 1 is ${command} with uid 101 (nginx), no effective capabilities, read-only root`);
}

/**
 * `down` without --volumes, then the core again: the demo's customer signs in without
 * registering (auth's PostgreSQL), reads every order with its status (orders' PostgreSQL), and
 * cancels the approved one, which refunds its charge (payments' ledger in MongoDB).
 */
export async function restartKeepsOrders(run: LiveRun, note: Note): Promise<void> {
  const demo = run.demo;
  if (!demo) throw new Error('the demo did not run');
  await run.stack.down({ volumes: false });
  const after = await run.stack.leftovers();
  if (after.containers.length > 0) throw new Error(`down left ${after.containers.join(', ')}`);
  note(
    `down: no containers; named volumes kept: ${after.volumes.filter((v) => v.includes('-data')).join(', ')}`,
  );
  await startCore(run, note);
  const token = await signIn(run, demo.username, demo.password, false);
  const base = `http://127.0.0.1:${run.httpPort}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (const order of demo.orders) {
    const response = await fetch(`${base}/v1/orders/${order.id}`, { headers });
    const body = (await response.json()) as { status?: string };
    if (response.status !== 200) throw new Error(`order ${order.id}: HTTP ${response.status}`);
    const expected = order.label.includes('cancelled') ? 'CANCELLED' : order.status;
    if (body.status !== expected)
      throw new Error(`order ${order.id} (${order.label}) is ${body.status}, was ${expected}`);
  }
  note(`${demo.username} signed in again; its ${demo.orders.length} orders read back unchanged`);
  const approved = demo.orders.find((order) => order.label.startsWith('approved:'));
  const cancel = await fetch(`${base}/v1/orders/${approved?.id}/cancel`, {
    method: 'POST',
    headers,
    body: '{}',
  });
  const cancelled = (await cancel.json()) as { status?: string };
  if (cancel.status !== 200 || cancelled.status !== 'CANCELLED')
    throw new Error(`cancel after restart: HTTP ${cancel.status} ${JSON.stringify(cancelled)}`);
  note(`the order approved before the restart is cancelled after it: its charge refunded`);
}

/** gRPC health and a CreateOrder/GetOrder round trip, all through the gateway's gRPC port. */
export async function grpcThroughGateway(run: LiveRun, note: Note): Promise<void> {
  const health = await grpcHealthStatus(run.grpcPort, 'orders.v1.OrderService');
  if (health !== 'SERVING') throw new Error(`orders' gRPC health through the gateway: ${health}`);
  const token = await signIn(
    run,
    `grpc-${randomUUID().slice(0, 8)}`,
    'grpc customer password',
    true,
  );
  const client = grpcClient<ordersV1.OrderServiceClient>(
    PROTO_FILES.orders,
    'orders.v1.OrderService',
    `127.0.0.1:${run.grpcPort}`,
  );
  try {
    const request = {
      idempotencyKey: randomUUID(),
      amount: { currencyCode: 'EUR', amountMinor: 1_990 },
      description: 'compose gRPC',
    };
    const { order } = await client.createOrder(request, token);
    const { order: read } = await client.getOrder({ orderId: order?.id ?? '' }, token);
    if (read?.status !== ordersV1.OrderStatus.ORDER_STATUS_APPROVED)
      throw new Error(`gRPC order ${order?.id}: ${String(read?.status)}`);
    note(
      `127.0.0.1:${run.grpcPort}: health SERVING; CreateOrder → ${order?.id} APPROVED; GetOrder reads it back`,
    );
  } finally {
    client.close();
  }
}

/** Registers (optionally) and logs in through the gateway; the access token. */
export async function signIn(
  run: LiveRun,
  username: string,
  password: string,
  register: boolean,
): Promise<string> {
  const auth = `http://127.0.0.1:${run.httpPort}/auth/v1/auth`;
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  };
  if (register) await fetch(`${auth}/register`, init);
  const response = await fetch(`${auth}/login`, init);
  if (!response.ok)
    throw new Error(`login ${username}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
