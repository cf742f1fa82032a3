import type { Random } from './random.js';
import { REPLICA_DURATION_MS, type ReplicaFaultKind } from './replica-fault-kinds.js';

export const FAULT_KINDS = [
  'payments-latency',
  'payments-drop',
  'payments-kill',
  'orders-kill',
  'postgres-reset',
  'mongo-reset',
] as const;

/**
 * On the embedded stores there is no proxy between an app and its store (the store lives in the
 * app's process or its child, on a port chosen at start), so the two connection resets give way
 * to `store-freeze`: payments' FerretDB stopped with SIGSTOP, its connections open but silent.
 */
export const EMBEDDED_FAULT_KINDS = [
  'payments-latency',
  'payments-drop',
  'payments-kill',
  'orders-kill',
  'store-freeze',
] as const;

/** The kinds above, and those of a run with several replicas (`--replicas`). */
export type FaultKind =
  (typeof FAULT_KINDS)[number] | (typeof EMBEDDED_FAULT_KINDS)[number] | ReplicaFaultKind;

export interface Fault {
  kind: FaultKind;
  /** Injected once this many orders have been submitted, so faults land inside the stream. */
  atOrder: number;
  /** How long it lasts: a toxic stays, a proxy stays disabled, a killed app stays dead. */
  durationMs: number;
  /** payments-latency only: the delay added to payments' replies, past the call deadline. */
  latencyMs?: number;
}

export interface ScheduleSettings {
  orders: number;
  /** 0 plans none; otherwise at least one of every kind, so fewer is raised to the kinds' count. */
  faults: number;
  paymentsDeadlineMs: number;
  /** The kinds to draw from (default FAULT_KINDS, the servers' run; see replica-run.ts). */
  kinds?: readonly FaultKind[];
}

// [min, max] of each fault's duration in ms: long enough to catch calls in flight, short enough
// that a run of a few hundred orders sees every kind.
const DURATION_MS: Record<FaultKind, [number, number]> = {
  'payments-latency': [1_000, 3_000],
  'payments-drop': [300, 1_500],
  'payments-kill': [500, 2_500],
  'orders-kill': [300, 2_000],
  'postgres-reset': [200, 1_000],
  'mongo-reset': [200, 1_000],
  'store-freeze': [2_000, 6_000],
  ...REPLICA_DURATION_MS,
};

/**
 * The seeded fault schedule: every kind at least once, the rest drawn at random, spread over 5–90 %
 * of the order stream in increasing order.
 */
export function planFaults(random: Random, settings: ScheduleSettings): Fault[] {
  if (settings.faults === 0) return [];
  const all = settings.kinds ?? FAULT_KINDS;
  const count = Math.max(settings.faults, all.length);
  const extra = Array.from({ length: count - all.length }, () => random.pick(all));
  const kinds = random.shuffle([...all, ...extra]);
  const start = settings.orders * 0.05;
  const span = settings.orders * 0.85;
  return kinds.map((kind, i) => {
    const slot = span / count;
    const atOrder = Math.floor(start + slot * i + random.next() * slot * 0.5);
    const [min, max] = DURATION_MS[kind];
    const fault: Fault = { kind, atOrder, durationMs: random.int(min, max) };
    if (kind === 'payments-latency') {
      fault.latencyMs = settings.paymentsDeadlineMs + random.int(300, 1_500);
    }
    return fault;
  });
}
