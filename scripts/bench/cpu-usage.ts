import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used so far, by process group (an app's name, or the program's name). */
export type CpuSnapshot = Map<string, number>;

const TICKS_PER_SECOND = 100;
const APP = /dist\/apps\/(\w+)\/src\/main(?:\.js)?(?: |$)/;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/**
 * Names a process: our apps by their main script, other node processes as node (whose main
 * thread may be renamed), kernel threads (no command line) as kernel, the rest by program name.
 */
export function groupOf(comm: string, cmdline: string): string {
  const app = APP.exec(cmdline)?.[1];
  if (app) return app;
  if (cmdline.trim() === '') return 'kernel';
  return /(^|\/)node$/.test(cmdline.split(' ')[0]!) ? 'node' : comm;
}

/**
 * Fields of /proc/PID/stat after the parenthesised program name (which may hold spaces):
 * utime and stime are the 12th and 13th, cutime and cstime (reaped children) the 14th and 15th.
 */
export function parseStat(stat: string): { comm: string; ticks: number; childTicks: number } {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return {
    comm: stat.slice(open + 1, close),
    ticks: Number(fields[11]) + Number(fields[12]),
    childTicks: Number(fields[13]) + Number(fields[14]),
  };
}

/**
 * Every process's CPU time, by group, with the time of its reaped children: a PostgreSQL backend
 * whose pool connection closed mid-run is counted in the postmaster's, else its group's total could
 * shrink between snapshots. k6 runs and exits between two snapshots, so its time is counted where
 * the kernel puts it once reaped: in this process's children's time, as "k6".
 */
export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat || Number(pid) === process.pid) continue;
    const { comm, ticks, childTicks } = parseStat(stat);
    const group = groupOf(comm, (read(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' '));
    snapshot.set(group, (snapshot.get(group) ?? 0) + (ticks + childTicks) / TICKS_PER_SECOND);
  }
  const self = parseStat(readFileSync('/proc/self/stat', 'utf8'));
  snapshot.set('k6', self.childTicks / TICKS_PER_SECOND);
  return snapshot;
}

/** Milliseconds of CPU per request for each group that used any, busiest first. */
export function cpuPerRequest(
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
): Array<[string, number]> {
  const used: Array<[string, number]> = [];
  for (const [group, seconds] of after) {
    const delta = seconds - (before.get(group) ?? 0);
    if (delta > 0 && requests > 0) used.push([group, (delta * 1000) / requests]);
  }
  return used.sort((a, b) => b[1] - a[1]);
}
