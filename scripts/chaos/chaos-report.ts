import type { Violation } from '#testing';
import type { InjectedFault } from './fault-injector.js';
import { EMBEDDED_FAULT_KINDS, FAULT_KINDS } from './fault-schedule.js';
import type { DriverStats } from './order-driver.js';
import { REPLICA_FAULT_KINDS } from './replica-fault-kinds.js';
import type { TakeoverStats } from './takeover.js';
import type { UpgradeStats } from './upgrade-rollout.js';

export interface ChaosResult {
  seed: number;
  requested: number;
  rate: number;
  concurrency: number;
  stats: DriverStats;
  faults: readonly InjectedFault[];
  streamMs: number;
  recoveryWindowMs: number;
  /** Run on `npm start`'s embedded stores rather than servers. */
  embedded?: boolean;
  recoveredMs?: number;
  ordersByStatus: Record<string, number>;
  violations: readonly Violation[];
  logDir: string;
  /** A run with replicas: how many of orders and payments, the lease, and the takeovers seen. */
  replicas?: { count: number; leaseMs: number; takeover: readonly TakeoverStats[] };
  /** `--upgrade`: when the rolling deploy ran, what was in flight, the sagas of each version. */
  upgrade?: UpgradeStats & { sagasByVersion: Record<string, number> };
}

const SHOWN = 40;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const row = (label: string, value: string) => `${`${label}:`.padEnd(22)}${value}`;

/** A run fails on any invariant violation and on any answer no fault explains. */
export function failed(result: ChaosResult): boolean {
  return result.violations.length > 0 || result.stats.unexpected.length > 0;
}

/** The run's summary: what was placed, what was injected, how long recovery took, what broke. */
export function formatReport(result: ChaosResult): string {
  const { stats } = result;
  const kinds = result.embedded
    ? EMBEDDED_FAULT_KINDS
    : result.replicas
      ? [...FAULT_KINDS, ...REPLICA_FAULT_KINDS]
      : FAULT_KINDS;
  const byKind = kinds.map(
    (kind) => `${kind} ${result.faults.filter((f) => f.kind === kind).length}`,
  );
  const statuses = Object.entries(result.ordersByStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status} ${n}`);
  const recovery =
    result.recoveredMs === undefined
      ? `NOT RECOVERED within ${seconds(result.recoveryWindowMs)}`
      : `${seconds(result.recoveredMs)} until every order and saga was terminal`;
  const lines = [
    `chaos run: seed ${result.seed}, ${result.requested} orders at ${result.rate}/s (at most ${result.concurrency} in flight)${result.embedded ? ', embedded stores' : ''}${result.replicas ? `, ${result.replicas.count} replicas of orders and payments behind NGINX` : ''}`,
    row('orders placed', `${stats.placed} of ${result.requested} (${stats.gaveUp} given up)`),
    row(
      'requests',
      `${stats.attempts} (${stats.retries} retried, ${stats.duplicates} duplicate submissions, ${stats.cancels} cancels)`,
    ),
    row(
      'retried because',
      Object.entries(stats.retriedBecause)
        .map(([why, n]) => `${why} ${n}`)
        .join(', ') || 'nothing',
    ),
    row('orders by status', statuses.join(', ') || 'none'),
    row('faults injected', `${result.faults.length}: ${byKind.join(', ')}`),
    row('stream time', seconds(result.streamMs)),
    row('recovery time', recovery),
    ...takeoverRows(result),
    ...upgradeRows(result),
    row('unexpected answers', String(stats.unexpected.length)),
    row(
      'invariant violations',
      `${result.violations.length}${countByInvariant(result.violations)}`,
    ),
  ];
  for (const answer of stats.unexpected.slice(0, SHOWN)) lines.push(`  unexpected ${answer}`);
  for (const v of result.violations.slice(0, SHOWN)) {
    lines.push(`  VIOLATION ${v.invariant}: order ${v.orderId}: ${v.detail}`);
  }
  if (result.violations.length > SHOWN) {
    lines.push(`  … and ${result.violations.length - SHOWN} more violations`);
  }
  lines.push(row('logs', result.logDir));
  lines.push(failed(result) ? 'RESULT: FAILED' : 'RESULT: PASSED (0 violations)');
  return lines.join('\n');
}

function countByInvariant(violations: readonly Violation[]): string {
  if (violations.length === 0) return '';
  const counts = new Map<string, number>();
  for (const { invariant } of violations) counts.set(invariant, (counts.get(invariant) ?? 0) + 1);
  return ` (${[...counts].map(([invariant, n]) => `${invariant} ${n}`).join(', ')})`;
}

/** How long a departed engine's sagas waited for another, against the lease that bounds it. */
function takeoverRows(result: ChaosResult): string[] {
  if (!result.replicas) return [];
  const { leaseMs, takeover } = result.replicas;
  if (takeover.length === 0) return [row('takeover', 'no engine went away holding a saga')];
  return takeover.map((t) => {
    const label = t.how === 'killed' ? 'takeover after kill' : 'takeover after SIGTERM';
    const stops = `${t.engines} ${t.how === 'killed' ? 'kill' : 'SIGTERM'}${t.engines === 1 ? '' : 's'}`;
    const never = t.notTakenOver ? `; ${t.notTakenOver} NEVER taken over` : '';
    if (t.sagas === 0) {
      return row(label, `none of the sagas held at ${stops} waited for another engine${never}`);
    }
    return row(
      label,
      `${t.sagas} sagas held at ${stops} waited p50 ${seconds(t.waitedP50Ms)}, max ${seconds(t.waitedMaxMs)} after the exit (SAGA_LEASE_MS ${seconds(leaseMs)}); p50 ${seconds(t.sinceTransitionP50Ms)}, max ${seconds(t.sinceTransitionMaxMs)} after their last transition${never}`,
    );
  });
}

/** The rolling deploy: when, what it caught mid-flight, and which version each saga ran. */
function upgradeRows(result: ChaosResult): string[] {
  const upgrade = result.upgrade;
  if (!upgrade) return [];
  const versions = Object.entries(upgrade.sagasByVersion)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([version, n]) => `${version} ${n}`)
    .join(', ');
  return [
    row(
      'upgrade v1 → v2',
      `at order ${upgrade.atOrder}, ${upgrade.v1InFlight} v1 sagas in flight, every orders process restarted in ${seconds(upgrade.tookMs)}`,
    ),
    row('sagas by version', `${versions} (each checked against its own version's steps)`),
  ];
}
