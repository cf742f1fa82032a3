import type { LatencyWindow, SoakError } from './soak-driver.js';
import type { SoakOptions } from './soak-options.js';
import type { Backlog, ProcessSample } from './soak-sampler.js';

export interface SoakSample {
  /** ms since the load began. */
  atMs: number;
  measured: boolean;
  window: LatencyWindow;
  backlog: Backlog;
  processes: ProcessSample[];
}

export interface SoakResult {
  options: SoakOptions;
  when: string;
  durability: { fsync: string; synchronousCommit: string };
  sent: number;
  samples: SoakSample[];
  errors: SoakError[];
  /** Unfinished sagas once the load stopped and the system was given time to finish them. */
  drainedBacklog: Backlog;
  logDir: string;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const clock = (ms: number) =>
  `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
const total = (backlog: Backlog) => backlog.RUNNING + backlog.COMPENSATING + backlog.STUCK;

/** The first and last measured samples: the soak's start (after warm-up) and end. */
function ends(result: SoakResult): [SoakSample, SoakSample] | undefined {
  const measured = result.samples.filter((s) => s.measured);
  return measured.length > 0 ? [measured[0]!, measured.at(-1)!] : undefined;
}

/** Why the soak failed: any error, an app's RSS grown past the bound, sagas left unfinished. */
export function soakFailures(result: SoakResult): string[] {
  const failures: string[] = [];
  const count = result.errors.reduce((sum, e) => sum + e.count, 0);
  if (count > 0) failures.push(`${count} errors`);
  const range = ends(result);
  if (!range) return [...failures, 'no sample after the warm-up'];
  for (const process of range[0].processes) {
    const end = range[1].processes.find((p) => p.name === process.name);
    const growth = end ? ((end.rssMb - process.rssMb) / process.rssMb) * 100 : Number.NaN;
    if (!(growth <= result.options.maxRssGrowthPercent)) {
      failures.push(
        `${process.name} RSS grew ${fixed(growth)} % (bound ${result.options.maxRssGrowthPercent} %)`,
      );
    }
  }
  if (total(result.drainedBacklog) > 0) {
    failures.push(`${total(result.drainedBacklog)} sagas unfinished after the load stopped`);
  }
  return failures;
}

export function formatSoakReport(result: SoakResult): string {
  const { options } = result;
  const lines = [
    `soak: ${options.rate} orders/s for ${clock(options.durationMs)} after a ${clock(options.warmupMs)} warm-up, ` +
      `HTTP through the gateway; PostgreSQL fsync=${result.durability.fsync}, synchronous_commit=${result.durability.synchronousCommit}`,
    `orders sent: ${result.sent}`,
  ];
  const range = ends(result);
  if (range) {
    const [start, end] = range;
    const rate = (s: SoakSample) => (s.window.answered * 1000) / options.sampleMs;
    lines.push(
      `answers/s (orders and cancels) ${fixed(rate(start))} → ${fixed(rate(end))}; latency p50 ${fixed(start.window.p50Ms)} → ${fixed(end.window.p50Ms)} ms, ` +
        `p95 ${fixed(start.window.p95Ms)} → ${fixed(end.window.p95Ms)} ms, p99 ${fixed(start.window.p99Ms)} → ${fixed(end.window.p99Ms)} ms (start → end)`,
      'process   RSS MiB start → end (growth)   event loop late p50 / p99 / max ms, start → end ' +
        '(beyond its 10 ms sampling tick: an idle loop is 0 late)',
      ...start.processes.map((first) => {
        const last = end.processes.find((p) => p.name === first.name) ?? first;
        const growth = ((last.rssMb - first.rssMb) / first.rssMb) * 100;
        const loop = (p: ProcessSample) =>
          `${fixed(p.loopLateP50Ms)} / ${fixed(p.loopLateP99Ms)} / ${fixed(p.loopLateMaxMs)}`;
        return `${first.name.padEnd(9)} ${`${fixed(first.rssMb)} → ${fixed(last.rssMb)} (${growth >= 0 ? '+' : ''}${fixed(growth)} %)`.padEnd(29)}${loop(first)} → ${loop(last)}`;
      }),
    );
  }
  const backlogs = result.samples.map((s) => total(s.backlog));
  lines.push(
    `saga backlog (unfinished sagas every ${clock(options.sampleMs)}, warm-up included): max ${Math.max(0, ...backlogs)}, ` +
      `after the load ${total(result.drainedBacklog)}`,
    `  ${result.samples.map((s) => `${clock(s.atMs)} ${total(s.backlog)}`).join(', ')}`,
    `errors: ${result.errors.reduce((sum, e) => sum + e.count, 0)}`,
    ...result.errors.map(
      (e) =>
        `  ${e.count} × ${e.what} (first ${clock(e.firstAtMs)}, last ${clock(e.lastAtMs)}): ${e.example}`,
    ),
    `logs: ${result.logDir}`,
  );
  const failures = soakFailures(result);
  lines.push(failures.length ? `RESULT: FAILED (${failures.join('; ')})` : 'RESULT: PASSED');
  return lines.join('\n');
}
