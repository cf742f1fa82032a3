import { randomUUID } from 'node:crypto';
import { FAULT_MARKERS } from '#contracts';
import type { Fault } from './fault-schedule.js';
import type { ReplicaFaultKind } from './replica-fault-kinds.js';
import type { ReplicatedSystem } from './replica-system.js';
import type { TakeoverProbe } from './takeover.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long an orders replica kill waits for the replica to hold a saga, so it lands mid-saga. */
const MID_SAGA_WAIT_MS = 5_000;

type Actions = Record<ReplicaFaultKind, () => Promise<string>>;

/**
 * The faults of a run with replicas: one replica of a service killed while the others carry on
 * (restarted after the fault's duration), and a rolling restart of every orders replica. The
 * replica hit is the fault's position modulo the replica count, so a seed replays the same.
 */
export function replicaFaultActions(
  system: ReplicatedSystem | undefined,
  takeover: TakeoverProbe | undefined,
  fault: Fault,
  hold: () => Promise<unknown>,
): Actions {
  const needsReplicas = async (): Promise<string> => {
    throw new Error(`${fault.kind} needs a run with --replicas 2 or more`);
  };
  if (!system || !takeover || system.orders.size < 2) {
    return {
      'orders-replica-kill': needsReplicas,
      'payments-replica-kill': needsReplicas,
      'orders-rolling-restart': needsReplicas,
    };
  }
  const { orders, payments } = system;
  /**
   * An order held in confirm for a few seconds, sent to the replica itself (not through the
   * gateway), so the kill always lands on a saga that replica holds; its answer is lost with it.
   */
  const slowOrderOn = async (address: string) => {
    const token = await system.customerToken('chaos-replica-probe');
    void fetch(`http://${address}/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': `replica-probe-${randomUUID()}`,
      },
      body: JSON.stringify({
        amount: { currency_code: 'EUR', amount_minor: 1_000 },
        description: `held when its replica is killed ${FAULT_MARKERS.slowConfirm}`,
      }),
    }).then(
      (response) => response.body?.cancel(),
      () => undefined,
    );
  };
  /** Waits (a while at most) until the engine in `pid` holds a saga, so the fault lands mid-saga. */
  const holding = async (pid: number) => {
    const deadline = Date.now() + MID_SAGA_WAIT_MS;
    for (;;) {
      const held = await takeover.held(pid);
      if (held.length > 0 || Date.now() > deadline) return held;
      await sleep(50);
    }
  };
  return {
    'orders-replica-kill': async () => {
      const index = fault.atOrder % orders.size;
      const pid = orders.pid(index);
      await slowOrderOn(orders.addresses('http')[index]!);
      await holding(pid);
      await orders.kill(index);
      const goneAt = Date.now();
      const held = await takeover.held(pid); // a dead engine's leases still name it
      takeover.departed('killed', held, goneAt);
      await hold();
      const restarting = Date.now();
      await orders.restart(index);
      return `replica ${index + 1} of ${orders.size} SIGKILLed holding ${held.length} sagas, restarted in ${Date.now() - restarting} ms`;
    },
    'payments-replica-kill': async () => {
      const index = fault.atOrder % payments.size;
      await payments.kill(index);
      await hold();
      const restarting = Date.now();
      await payments.restart(index);
      return `replica ${index + 1} of ${payments.size} SIGKILLed, restarted in ${Date.now() - restarting} ms`;
    },
    'orders-rolling-restart': async () => {
      const steps: string[] = [];
      for (let index = 0; index < orders.size; index += 1) {
        const pid = orders.pid(index);
        const held = await holding(pid);
        const stopping = Date.now();
        const code = await orders.terminate(index);
        const goneAt = Date.now();
        takeover.departed('handed back', held, goneAt);
        await orders.restart(index);
        steps.push(
          `#${index + 1}: ${held.length} sagas held, exit ${code} after ${goneAt - stopping} ms, ready ${Date.now() - goneAt} ms later`,
        );
      }
      return `every orders replica SIGTERMed in turn (${steps.join('; ')})`;
    },
  };
}
