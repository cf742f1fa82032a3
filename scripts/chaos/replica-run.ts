import type { ChaosOptions } from './chaos-options.js';
import type { ChaosResult } from './chaos-report.js';
import type { ChaosStores } from './chaos-stores.js';
import { ChaosSystem } from './chaos-system.js';
import type { ChaosTarget } from './chaos-target.js';
import { FAULT_KINDS, type FaultKind } from './fault-schedule.js';
import { REPLICA_FAULT_KINDS } from './replica-fault-kinds.js';
import { ReplicatedSystem } from './replica-system.js';
import { TakeoverProbe } from './takeover.js';

/** What a run with `--replicas` adds to the plain one: the system, its faults, its report. */
export interface ReplicaRun {
  system: ReplicatedSystem;
  takeover: TakeoverProbe;
}

/** One process of each app, or `--replicas` of orders and payments behind NGINX. */
export function startChaosSystem(
  options: ChaosOptions,
  logDir: string,
  stores: ChaosStores,
  ordersEnv: Record<string, string>,
): Promise<ChaosTarget> {
  return options.replicas > 1
    ? ReplicatedSystem.start(logDir, stores, ordersEnv, options.replicas)
    : ChaosSystem.start(logDir, stores, ordersEnv);
}

export function replicaRunOf(system: ChaosTarget): ReplicaRun | undefined {
  if (!(system instanceof ReplicatedSystem)) return undefined;
  return { system, takeover: new TakeoverProbe(system.stores.servers!.ordersDb.url) };
}

export function faultKindsOf(run: ReplicaRun | undefined): readonly FaultKind[] {
  return run ? [...FAULT_KINDS, ...REPLICA_FAULT_KINDS] : FAULT_KINDS;
}

/** The report's replica section, once every saga has settled. */
export async function replicaReport(
  run: ReplicaRun | undefined,
  leaseMs: number,
): Promise<ChaosResult['replicas']> {
  if (!run) return undefined;
  return { count: run.system.orders.size, leaseMs, takeover: await run.takeover.measure() };
}
