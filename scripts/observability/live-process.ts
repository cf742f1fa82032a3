import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface LiveProcess {
  name: string;
  /** Everything it wrote so far (stdout and stderr, in its log file). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts a server binary (Jaeger, the collector, Prometheus, an exporter) in its own process
 * group, output into `logFile`, and waits until `readyUrl` answers 2xx. If it exits or is not
 * ready in time it is stopped and the error carries its log. stop(): SIGTERM, SIGKILL after 5 s.
 */
export async function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { logFile: string; readyUrl: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<LiveProcess> {
  const fd = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    stdio: ['ignore', fd, fd],
    detached: true,
    env: { ...process.env, ...options.env },
  });
  closeSync(fd);
  const exited = once(child, 'exit');
  const log = () => readFileSync(options.logFile, 'utf8');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5_000);
    signalGroup(child.pid, 'SIGTERM');
    await exited;
    clearTimeout(kill);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}:\n${log()}`);
    const ok = await fetch(options.readyUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { name, log, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name}: ${options.readyUrl} not ready in time:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  try {
    if (pid) process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
