import type { ReplicaComparison } from './bench-replicas.js';
import type { RoundRun } from './bench-rounds.js';
import { verdicts } from './bench-targets.js';
import type { Floor, Tail } from './floor.js';
import type { LoadResult } from './k6-run.js';
import { spread, type PathSummary, type Spread } from './rounds-summary.js';
import { table } from './table.js';

export interface BenchReport {
  when: string;
  commit: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  /** PostgreSQL's settings during the run (the benchmark refuses a server with either off). */
  durability: { fsync: string; synchronousCommit: string };
  /** The floor of each round. */
  floors: Array<Floor & { sumMs: number }>;
  /** Each measured path over the rounds, and every round's raw figures. */
  paths: PathSummary[];
  rounds: RoundRun[];
  /** Runs made once: the saturation steps and the closed-model throughput runs. */
  runs: LoadResult[];
  targetP95Ms: number;
  saturation: { target: string; rate: number; p95: number } | null;
  telemetryOverhead: { onRps: number; offRps: number; ratio: number } | null;
  /** `--replicas N`: the gateway paths at the same rate on 1 replica and on N. */
  replicas: ReplicaComparison | null;
}

/** The processes an order needs (k6, the bench itself and anything else on the machine excluded). */
export const SYSTEM_GROUPS = [
  'orders',
  'payments',
  'auth',
  'postgres',
  'ferretdb',
  'nginx',
  'redis-server',
];

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const spreadOf = (s: Spread, digits = 2) =>
  s.min === s.max
    ? fixed(s.median, digits)
    : `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;

/** The benchmark's report: medians over rounds with their spread, the targets, then one-off runs. */
export function renderReport(report: BenchReport): string {
  const d = report.durability;
  const floor = (pick: (f: Floor & { sumMs: number }) => number) =>
    spread(report.floors.map(pick)).median;
  const rounds = report.floors.length;
  const lines = [
    `PostgreSQL: fsync=${d.fsync}, synchronous_commit=${d.synchronousCommit}; load average at the end ${report.machine.loadAverage.map((n) => n.toFixed(2)).join(' ')}`,
    `floor (median of ${rounds} rounds, each the p50 of 300): gRPC round trip ${fixed(floor((f) => f.grpcRoundTripMs))} ms, PostgreSQL insert+commit ` +
      `${fixed(floor((f) => f.pgInsertCommitMs))} ms, Mongo-wire insert ${fixed(floor((f) => f.mongoInsertMs))} ms, JWT verify ${fixed(floor((f) => f.jwtVerifyMs))} ms`,
    `floor sum for one order (2 RTT + 2 JWT + 2 PG commits + 1 Mongo insert): ${spreadOf(spread(report.floors.map((f) => f.sumMs)))} ms`,
    `floor tails (worst round's p99 / max of 300, ms): ` +
      (['grpc', 'pg', 'mongo', 'jwt'] as const)
        .map((kind) => {
          const worst = (pick: (t: Tail) => number) =>
            Math.max(...report.floors.map((f) => pick(f.tails[kind])));
          return `${kind} ${fixed(worst((t) => t.p99))} / ${fixed(worst((t) => t.max))}`;
        })
        .join(', '),
    '',
    `median of ${rounds} rounds (lowest–highest round), ms:`,
    ...table([
      ['path', 'load', 'p50', 'p95', 'p99', 'max', 'failed', 'dropped', 'p50/floor'],
      ...report.paths.map((p) => [
        p.path,
        `${p.rate}/s × ${p.duration}`,
        spreadOf(p.p50),
        spreadOf(p.p95),
        spreadOf(p.p99),
        spreadOf(p.max, 1),
        String(p.failed),
        String(p.dropped),
        `${fixed(p.p50OverFloor.median)}x`,
      ]),
    ]),
    '',
    'targets (medians):',
    ...verdicts(report.paths).map(
      (v) => `  ${v.met ? 'met    ' : 'MISSED '} ${v.path}: ${v.target} (${v.actual})`,
    ),
    '',
    'runtime during each path (median over rounds; loop = how late the event loop ran, beyond its 10 ms sampling tick, pool = most requests waiting for a connection):',
    ...report.paths.flatMap((p) => [
      `  ${p.path}:`,
      ...p.runtime.map(
        (r) =>
          `    ${r.app.padEnd(8)} loop late p99 ${fixed(r.loopLateP99Ms.median, 1)} ms, max ${fixed(r.loopLateMaxMs.median, 1)} ms; ` +
          `GC ${fixed(r.gcMsPerS.median, 1)} ms/s in ${fixed(r.gcPerS.median, 1)} pauses/s; ` +
          `pool ${
            Object.entries(r.poolWaitMax)
              .map(([store, n]) => `${store} ${n}`)
              .join(', ') || '-'
          }`,
      ),
    ]),
    '',
    'CPU ms per order (median over rounds; apps + stores = ' + SYSTEM_GROUPS.join(', ') + '):',
    ...report.paths.map((p) => {
      const system = p.cpuMsPerOrder.filter(([group]) => SYSTEM_GROUPS.includes(group));
      const total = system.reduce((sum, [, ms]) => sum + ms, 0);
      const k6 = p.cpuMsPerOrder.find(([group]) => group === 'k6')?.[1] ?? 0;
      return (
        `  ${p.path}: ${system.map(([group, ms]) => `${group} ${fixed(ms)}`).join(', ')}; ` +
        `apps + stores ${fixed(total)}; k6 ${fixed(k6)}`
      );
    }),
    '',
    ...singleRuns(report),
  ];
  return lines.join('\n');
}

function singleRuns(report: BenchReport): string[] {
  const lines = [
    'single runs (the warm-ups first: the freshly started system, its JIT still compiling):',
    ...table([
      ['run', 'load', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'req/s', 'errors', 'dropped'],
      ...report.runs.map((run) => [
        run.label,
        run.model === 'open'
          ? `${run.rate}/s for ${run.duration}`
          : `${run.vus} VUs for ${run.duration}`,
        fixed(run.p50),
        fixed(run.p95),
        fixed(run.p99),
        fixed(run.max, 1),
        fixed(run.throughput, 1),
        `${fixed(run.errorRate * 100, 2)}%`,
        String(run.dropped),
      ]),
    ]),
    '',
  ];
  const sat = report.saturation;
  lines.push(
    sat
      ? `saturation (${sat.target}): highest tried rate with p95 under ${report.targetP95Ms} ms = ${sat.rate}/s (p95 ${fixed(sat.p95)} ms)`
      : `saturation: no tried rate kept p95 under ${report.targetP95Ms} ms`,
  );
  const t = report.telemetryOverhead;
  if (t) {
    lines.push(
      `telemetry overhead (closed model): ${fixed(t.onRps, 1)} req/s on vs ${fixed(t.offRps, 1)} off → ${fixed(t.ratio * 100, 1)}% of the throughput kept`,
    );
  }
  lines.push(...replicaLines(report.replicas));
  return lines;
}

/** Each gateway path on 1 replica → N: latency, errors and every process's CPU per order. */
function replicaLines(comparison: ReplicaComparison | null): string[] {
  if (!comparison) return [];
  const arrow = (one: number, many: number, digits = 2) =>
    `${fixed(one, digits)} → ${fixed(many, digits)}`;
  return [
    `1 → ${comparison.replicas} replicas of orders and payments, same rate:`,
    ...comparison.pairs.map(
      ({ path, one, many, cpuOne, cpuMany }) =>
        `  ${path}: p50 ${arrow(one.p50, many.p50)} ms, p95 ${arrow(one.p95, many.p95)} ms, ` +
        `p99 ${arrow(one.p99, many.p99)} ms, errors ${arrow(one.errorRate * 100, many.errorRate * 100)} %, ` +
        `CPU per order ${arrow(cpuOne, cpuMany)} ms`,
    ),
  ];
}
