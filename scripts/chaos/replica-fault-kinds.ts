/** Faults only a run with several replicas of orders and payments has (`--replicas N`, N ≥ 2). */
export const REPLICA_FAULT_KINDS = [
  'orders-replica-kill',
  'payments-replica-kill',
  'orders-rolling-restart',
] as const;

export type ReplicaFaultKind = (typeof REPLICA_FAULT_KINDS)[number];

// [min, max] ms each stays down. A killed orders replica stays down past the run's lease
// (SAGA_LEASE_MS 5 s), so the replica still up takes its sagas over rather than the restarted
// one; a rolling restart lasts as long as it takes (each replica drains, then starts and is ready).
export const REPLICA_DURATION_MS: Record<ReplicaFaultKind, [number, number]> = {
  'orders-replica-kill': [6_000, 9_000],
  'payments-replica-kill': [1_000, 4_000],
  'orders-rolling-restart': [0, 0],
};
