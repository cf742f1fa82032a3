import { signIn, startCore, type LiveRun } from './compose-live-steps.js';

type Note = (line: string) => void;

/** The gateway's PID 1 as the container really runs it: uid, capabilities, root filesystem. */
export async function gatewayUnprivileged(run: LiveRun, note: Note): Promise<void> {
  const gateway = (await run.stack.containers()).find((c) => c.service === 'gateway');
  if (!gateway) throw new Error('no gateway container');
  const status = await run.stack.exec(gateway.name, ['cat', '/proc/1/status']);
  const uids = /^Uid:\s+(.*)$/m.exec(status)?.[1]?.split(/\s+/) ?? [];
  const effective = /^CapEff:\s+(\S+)$/m.exec(status)?.[1] ?? '';
  const readOnly = await run.stack.inspect(gateway.name, '{{.HostConfig.ReadonlyRootfs}}');
  const command = (await run.stack.exec(gateway.name, ['cat', '/proc/1/cmdline'])).split('\0')[0];
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
