import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '#platform';
import { nestStartArgs } from './nest-start.js';
import { track } from './child-processes.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface AppProcess {
  name: string;
  httpPort: number;
  grpcPort?: number;
  /** Every line the process wrote, stdout and stderr. */
  output: string[];
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** Added to the test's own environment; `undefined` unsets a variable (e.g. MONGO_URL). */
  env?: Record<string, string | undefined>;
  grpc?: boolean;
  timeoutMs?: number;
  /** Write the app's output to this file instead of keeping it in `output` (long load runs). */
  logFile?: string;
}

/** A port picked by freePort() was taken by another process before the app could bind it. */
class PortTakenError extends Error {}

const START_ATTEMPTS = 3;

/**
 * Starts a built app (dist/) as a real process, as `nest start` runs it (nestStartArgs), and
 * waits until /health/ready answers 200. Ports
 * it picks itself are free when picked, but another process (a test file running alongside, an
 * outgoing connection) can take one before the app binds it: then it tries again on new ports.
 * The readiness poll is a few lines here rather than wait-on: it must also stop early when the
 * child exits, with the child's output and whether a port was taken, which wait-on cannot see.
 */
export async function startApp(name: string, options: StartOptions = {}): Promise<AppProcess> {
  const picksPorts = !options.env?.HTTP_PORT && !options.env?.GRPC_PORT;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(name, options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || !picksPorts || attempt === START_ATTEMPTS) {
        throw error;
      }
    }
  }
}

async function startOnce(name: string, options: StartOptions): Promise<AppProcess> {
  const httpPort = Number(options.env?.HTTP_PORT ?? (await freePort()));
  const grpcPort = options.grpc ? Number(options.env?.GRPC_PORT ?? (await freePort())) : undefined;
  const env = definedOnly({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    BIND_ADDRESS: '127.0.0.1',
    HTTP_PORT: String(httpPort),
    ...(grpcPort ? { GRPC_PORT: String(grpcPort) } : {}),
    ...options.env,
  });
  const logFd = options.logFile ? openSync(options.logFile, 'a') : undefined;
  const child = track(
    spawn(process.execPath, nestStartArgs(name), {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', logFd ?? 'pipe', logFd ?? 'pipe'],
    }),
  );
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  if (logFd !== undefined) closeSync(logFd); // the child holds its own copy
  const app: AppProcess = {
    name,
    httpPort,
    grpcPort,
    output,
    child,
    stop: (signal = 'SIGTERM') => stopProcess(child, signal),
  };
  const logFile = options.logFile;
  const outputText = () => (logFile ? readFileSync(logFile, 'utf8') : output.join('\n'));
  await waitReady(app, options.timeoutMs ?? 30_000, outputText);
  return app;
}

async function waitReady(
  app: AppProcess,
  timeoutMs: number,
  outputText: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) {
      const text = outputText();
      const message = `${app.name} exited with ${app.child.exitCode}:\n${text}`;
      throw text.includes('EADDRINUSE') ? new PortTakenError(message) : new Error(message);
    }
    const ok = await fetch(`http://127.0.0.1:${app.httpPort}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  app.child.kill('SIGKILL');
  throw new Error(`${app.name} not ready after ${timeoutMs} ms:\n${outputText()}`);
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

/** Runs a built app to completion (for start-up failures) and returns its exit code and output. */
export function runAppToExit(
  name: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = track(
      spawn(process.execPath, nestStartArgs(name), {
        cwd: REPO_ROOT,
        env: { ...(process.env as Record<string, string>), BIND_ADDRESS: '127.0.0.1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
