import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../images/images.js';
import { isOneShot, NO_RUNNABLE_HEALTHCHECK } from './compose-core.js';
import type { ComposeFile } from './compose-policy.js';
import type { ComposeStack } from './compose-stack.js';

type Note = (line: string) => void;
const START_TIMEOUT_MS = 180_000;

export interface LiveRun {
  stack: ComposeStack;
  compose: ComposeFile;
  levels: string[][];
  httpPort: number;
  grpcPort: number;
  /** What the demo created: its customer and each order's id and status. */
  demo?: {
    username: string;
    password: string;
    orders: { label: string; id: string; status: string }[];
  };
}

/** Starts the core one dependency level at a time, each waited for as compose.yaml says. */
export async function startCore(run: LiveRun, note: Note): Promise<void> {
  for (const level of run.levels) {
    const started = Date.now();
    await run.stack.up(level);
    const how = await waitStarted(run, level);
    note(`${level.join(', ')}: ${how.join('; ')} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
}

async function waitStarted(run: LiveRun, services: string[]): Promise<string[]> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const done = new Map<string, string>();
  for (;;) {
    const containers = await run.stack.podman.containers();
    for (const service of services.filter((name) => !done.has(name))) {
      const container = containers.find((c) => c.service === service);
      if (!container) continue;
      if (isOneShot(run.compose, service)) {
        if (container.state === 'exited' && container.exitCode === 0)
          done.set(
            service,
            `${service} exited 0: ${(await run.stack.podman.logs(container.name, 1)).trim()}`,
          );
      } else if (container.state === 'running') {
        if (NO_RUNNABLE_HEALTHCHECK.has(service)) done.set(service, `${service} running`);
        else if (await run.stack.podman.healthy(container.name))
          done.set(service, `${service} healthy`);
      }
    }
    if (done.size === services.length) return services.map((name) => done.get(name) ?? name);
    if (Date.now() > deadline) {
      const waiting = services.filter((name) => !done.has(name));
      const logs = await Promise.all(
        containers
          .filter((c) => waiting.includes(c.service))
          .map(
            async (c) =>
              `--- ${c.name} (${c.state}, exit ${c.exitCode}):\n${await run.stack.podman.logs(c.name)}`,
          ),
      );
      throw new Error(
        `not started after ${START_TIMEOUT_MS / 1000}s: ${waiting.join(', ')}\n${logs.join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** `npm run demo` pointed at the gateway: every saga path, printed as timelines. */
export async function runDemo(run: LiveRun, note: Note): Promise<void> {
  const base = `http://127.0.0.1:${run.httpPort}`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(REPO_ROOT, 'dist/scripts/demo/demo.js')],
    {
      env: { ...process.env, DEMO_AUTH_URL: `${base}/auth`, DEMO_ORDERS_URL: base },
      timeout: 60_000,
    },
  );
  const username = /logging in as (\S+)/.exec(stdout)?.[1] ?? '';
  const orders = [...stdout.matchAll(/^> (.+?): order (\S+) is (\w+)/gm)].map((m) => ({
    label: m[1] ?? '',
    id: m[2] ?? '',
    status: m[3] ?? '',
  }));
  note(`npm run demo against ${base} (auth at ${base}/auth), as customer ${username}`);
  for (const order of orders) note(`${order.label}: ${order.status}`);
  const statuses = orders.map((order) => order.status);
  if (statuses.join() !== 'APPROVED,REJECTED,APPROVED,APPROVED')
    throw new Error(`unexpected demo outcome ${statuses.join()}:\n${stdout}`);
  if (!/^> cancel \S+: CANCELLED$/m.test(stdout)) throw new Error(`no cancellation:\n${stdout}`);
  // The demo's password (scripts/demo/demo.ts): its customer signs in again after the restart.
  run.demo = { username, password: 'demo password 123', orders };
}
