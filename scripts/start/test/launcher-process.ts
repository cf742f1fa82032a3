import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The built launcher (dist/scripts/start/start.js) running as `npm start` would run it. */
export interface Launcher {
  child: ChildProcess;
  /** stdout and stderr, interleaved as they arrived. */
  output(): string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Stops it whatever state the test left it in (for `after` hooks): SIGTERM, and if it has not
   * exited within 30 s, SIGKILL to it and to every service group its table named.
   */
  stop(): Promise<void>;
}

export function startLauncher(env: Record<string, string | undefined>): Launcher {
  const child = spawn(process.execPath, ['dist/scripts/start/start.js'], {
    cwd: REPO_ROOT,
    env: withoutUndefined({ ...process.env, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    output: () => text,
    exit: () => exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        for (const pid of Object.values(tablePids(text))) killGroup(pid);
      }, 30_000);
      await exited;
      clearTimeout(timer);
    },
    waitFor: async (pattern, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const match = text.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`launcher output never matched ${pattern}:\n${text}`);
    },
  };
}

/** The pid column of the launcher's table, per service. */
export function tablePids(output: string): Record<string, number> {
  const pids: Record<string, number> = {};
  for (const match of output.matchAll(/^(auth|payments|orders)\s+(\d+)\s+http:/gm)) {
    pids[match[1]!] = Number(match[2]);
  }
  return pids;
}

/** True while any process of the group led by `pid` is alive (the service or what it spawned). */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
