import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { ServicePlan } from './plan.js';
import { killGroup } from './process-group.js';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const READY_POLL_MS = 250;
const LEFTOVER_GRACE_MS = 2_000;

/**
 * One service as a child process in its own process group (so whatever it spawns, like an
 * embedded FerretDB, can be stopped with it). Every output line goes verbatim to the log file and,
 * through `print`, to the console.
 */
export class ServiceProcess {
  readonly exited: Promise<ExitInfo>;
  /** The store as the service itself described it at start-up, once it has. */
  reportedStore: string | undefined;
  private readonly child: ChildProcess;
  private readonly log: WriteStream;
  private readonly outputClosed: Promise<unknown>;

  constructor(
    readonly plan: ServicePlan,
    repoRoot: string,
    private readonly print: (line: string) => void,
  ) {
    // Appended: a restarted service continues its log; the launcher rotates the logs at its start.
    this.log = createWriteStream(plan.logFile, { flags: 'a' });
    this.child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--import',
        './dist/libs/platform/src/telemetry/instrument.js',
        `dist/apps/${plan.name}/src/main.js`,
      ],
      { cwd: repoRoot, env: plan.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    this.exited = once(this.child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
    this.outputClosed = once(this.child, 'close');
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) =>
        this.onLine(line),
      );
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once /health/ready answers 200; rejects if the service exits or time runs out. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const url = `http://127.0.0.1:${this.plan.httpPort}/health/ready`;
    while (Date.now() < deadline) {
      if (!this.running) {
        const { code, signal } = await this.exited;
        throw new Error(
          `${this.plan.name} exited (${signal ?? `code ${code}`}) before it was ready`,
        );
      }
      const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
    throw new Error(`${this.plan.name} was not ready after ${Math.round(timeoutMs / 1000)} s`);
  }

  /**
   * SIGTERM, so the service drains and closes its stores; SIGKILL to the whole group if it takes
   * longer than `graceMs`. Anything left in the group afterwards is stopped too: no orphans.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.running && this.pid !== undefined) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => void killGroup(this.pid!, 'SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await this.reapGroup();
    await Promise.race([this.outputClosed, delay(LEFTOVER_GRACE_MS)]);
    this.log.end();
    await once(this.log, 'close').catch(() => undefined);
  }

  /** Stops what the service left behind (after a crash its embedded store keeps running). */
  private async reapGroup(): Promise<void> {
    if (this.pid === undefined || !killGroup(this.pid, 'SIGTERM')) return;
    const deadline = Date.now() + LEFTOVER_GRACE_MS;
    while (Date.now() < deadline) {
      if (!killGroup(this.pid, 0)) return;
      await delay(50);
    }
    killGroup(this.pid, 'SIGKILL');
  }

  private onLine(line: string): void {
    this.log.write(`${line}\n`);
    // auth goes on after its store (", signing key …"): the table shows the store only.
    const store = /listening: .*\bstore (.+?)(?:, signing key .*)?$/.exec(
      line.startsWith('{') ? msgOf(line) : '',
    );
    if (store?.[1]) this.reportedStore = store[1];
    this.print(line);
  }
}

function msgOf(line: string): string {
  try {
    const record = JSON.parse(line) as { msg?: unknown };
    return typeof record.msg === 'string' ? record.msg : '';
  } catch {
    return '';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
