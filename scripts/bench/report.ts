import type { ReplicaComparison } from './bench-replicas.js';
import type { Floor } from './floor.js';
import type { LoadResult } from './k6-run.js';

export interface BenchReport {
  when: string;
  machine: { cpus: number; node: string };
  /** PostgreSQL's settings during the run (the benchmark refuses a server with either off). */
  durability: { fsync: string; synchronousCommit: string };
  targetP95Ms: number;
  floor: Floor & { sumMs: number };
  runs: LoadResult[];
  /** CPU milliseconds per order by process group, during one of the runs. */
  cpu: { run: string; msPerOrder: Array<[string, number]> };
  saturation: { target: string; rate: number; p95: number } | null;
  telemetryOverhead: { onRps: number; offRps: number; ratio: number } | null;
  /** `--replicas N`: the gateway paths at the same rate on 1 replica and on N. */
  replicas: ReplicaComparison | null;
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** The benchmark's table: latency percentiles, throughput, errors, and the ratio to the floor. */
export function renderReport(report: BenchReport): string {
  const f = report.floor;
  const d = report.durability;
  const lines = [
    `PostgreSQL: fsync=${d.fsync}, synchronous_commit=${d.synchronousCommit}`,
    `floor (p50 of 300, this run): gRPC round trip ${fixed(f.grpcRoundTripMs)} ms, PostgreSQL insert+commit ` +
      `${fixed(f.pgInsertCommitMs)} ms, Mongo-wire insert ${fixed(f.mongoInsertMs)} ms, JWT verify ${fixed(f.jwtVerifyMs)} ms`,
    `floor sum for one order (2 RTT + 2 JWT + 2 PG commits + 1 Mongo insert): ${fixed(f.sumMs)} ms`,
    '',
  ];
  const rows = [['run', 'load', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'errors', 'p50/floor']];
  for (const run of report.runs) {
    const load =
      run.model === 'open'
        ? `${run.rate}/s for ${run.duration}`
        : `${run.vus} VUs for ${run.duration}`;
    rows.push([
      run.label,
      load,
      fixed(run.p50),
      fixed(run.p95),
      fixed(run.p99),
      fixed(run.throughput, 1),
      `${fixed(run.errorRate * 100, 2)}%`,
      `${fixed(run.p50 / f.sumMs, 2)}x`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  lines.push(
    ...rows.map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    ),
  );
  lines.push('');
  const sat = report.saturation;
  lines.push(
    sat
      ? `saturation (${sat.target}): highest tried rate with p95 under ${report.targetP95Ms} ms = ${sat.rate}/s (p95 ${fixed(sat.p95)} ms)`
      : `saturation: no tried rate kept p95 under ${report.targetP95Ms} ms`,
  );
  const cpu = report.cpu.msPerOrder.filter(([, ms]) => ms >= 0.01);
  const total = cpu.reduce((sum, [, ms]) => sum + ms, 0);
  lines.push(
    `CPU per order during "${report.cpu.run}" (ms): ` +
      cpu.map(([group, ms]) => `${group} ${fixed(ms)}`).join(', ') +
      `; total ${fixed(total)} → ${report.machine.cpus} cores fit about ${fixed((report.machine.cpus * 1000) / total, 0)} orders/s`,
  );
  const t = report.telemetryOverhead;
  if (t) {
    lines.push(
      `telemetry overhead (closed model): ${fixed(t.onRps, 1)} req/s on vs ${fixed(t.offRps, 1)} off → ${fixed(t.ratio * 100, 1)}% of the throughput kept`,
    );
  }
  lines.push(...replicaLines(report.replicas));
  return lines.join('\n');
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
