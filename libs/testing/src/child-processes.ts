import { spawnSync, type ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

/**
 * Every process a test harness starts is tracked here and killed, with whatever it spawned
 * (payments' embedded FerretDB), when the test process exits however it exits: a failed `before`,
 * a cancelled test, `--test-force-exit`. A harness still stops what it started itself; this is
 * the backstop that keeps a test file from leaving servers behind or never exiting.
 */
export function track<T extends ChildProcess>(child: T): T {
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/** Pids of the tracked processes still running. */
export function liveChildPids(): number[] {
  return [...live].map((child) => child.pid).filter((pid): pid is number => pid !== undefined);
}

function killAll(): void {
  for (const pid of liveChildPids()) {
    spawnSync('pkill', ['-KILL', '-P', String(pid)]);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

process.once('exit', killAll);
// A signal ends the process without 'exit': the test runner cancelled, a timeout, Ctrl-C.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15));
  });
}
