import { readdir, readFile } from 'node:fs/promises';

/** What a process holds: resident memory and open file descriptors (sockets included). */
export interface Footprint {
  rssKb: number;
  fds: number;
}

/** Reads /proc/<pid>/status (VmRSS) and counts /proc/<pid>/fd. Linux only. */
export async function footprint(pid: number): Promise<Footprint> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rss = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!rss) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return { rssKb: Number(rss[1]), fds: (await readdir(`/proc/${pid}/fd`)).length };
}

export interface LeakBounds {
  /** Descriptors a process may hold beyond its baseline once things settle. */
  fdSlack: number;
  /** Resident memory it may have grown by, in MiB (V8 keeps some of what it grew). */
  rssGrowthMb: number;
  /** How long to wait for closed connections to be released. */
  settleMs?: number;
}

/**
 * Waits until the process is back within `bounds` of `baseline` (connections are closed
 * asynchronously) or the settle time runs out; returns the last measurement and, if it is still
 * out of bounds, why.
 */
export async function settledFootprint(
  pid: number,
  baseline: Footprint,
  bounds: LeakBounds,
): Promise<{ after: Footprint; leak?: string }> {
  const deadline = Date.now() + (bounds.settleMs ?? 15_000);
  for (;;) {
    const after = await footprint(pid);
    const leaks = [];
    if (after.fds > baseline.fds + bounds.fdSlack) {
      leaks.push(`file descriptors ${baseline.fds} → ${after.fds} (slack ${bounds.fdSlack})`);
    }
    const grownMb = (after.rssKb - baseline.rssKb) / 1024;
    if (grownMb > bounds.rssGrowthMb) {
      leaks.push(`RSS grew ${grownMb.toFixed(0)} MiB (bound ${bounds.rssGrowthMb} MiB)`);
    }
    if (leaks.length === 0 || Date.now() > deadline) {
      return leaks.length ? { after, leak: leaks.join('; ') } : { after };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
