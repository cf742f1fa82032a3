import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from '#platform';
import { track } from './child-processes.js';
import { GATEWAY_UPSTREAMS, withReplicas } from './gateway-replicas.js';
import { GATEWAY_TEMPLATE, renderGatewayConf } from './gateway-template.js';

/** Read per start, so a test can point it at a missing binary. */
export const nginxBin = (): string => process.env.NGINX_BIN ?? '/usr/sbin/nginx';

/** Where the gateway sends each route, as host:port, or a list of them (replicas). */
export interface GatewayUpstreams {
  authHttp: string | readonly string[];
  ordersHttp: string | readonly string[];
  ordersGrpc: string | readonly string[];
}

/** One line of the gateway's JSON access log. */
export interface GatewayAccessRecord {
  request_id: string;
  trace_id: string;
  method: string;
  uri: string;
  status: number;
  upstream: string;
  grpc_status: string;
  [field: string]: unknown;
}

export interface Gateway {
  httpPort: number;
  grpcPort: number;
  /** http://127.0.0.1:<httpPort> */
  url: string;
  /** The JSON access log so far (nginx's stdout). */
  accessLog(): GatewayAccessRecord[];
  /** nginx's error log so far (its stderr). */
  errorLog(): string;
  /** The first access log record matching `predicate` (nginx writes it after the response). */
  waitForAccess(
    predicate: (record: GatewayAccessRecord) => boolean,
    timeoutMs?: number,
  ): Promise<GatewayAccessRecord>;
  stop(): Promise<void>;
}

/**
 * Runs the real nginx with docker/gateway/nginx.conf.template on free ports. Everything it writes
 * (config, pid file, temp folders, access and error logs) stays in its own temp folder, removed
 * by stop().
 */
export async function startGateway(upstreams: GatewayUpstreams): Promise<Gateway> {
  assertNginx();
  const dir = await mkdtemp(join(tmpdir(), 'saga-gateway-'));
  // nginx workers drop root privileges and still have to reach their temp folders in here.
  await chmod(dir, 0o755);
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const list = (route: keyof GatewayUpstreams) => [upstreams[route]].flat();
  let conf = renderGatewayConf(await readFile(GATEWAY_TEMPLATE, 'utf8'), {
    GATEWAY_HTTP_PORT: String(httpPort),
    GATEWAY_GRPC_PORT: String(grpcPort),
    AUTH_HTTP: list('authHttp')[0]!,
    ORDERS_HTTP: list('ordersHttp')[0]!,
    ORDERS_GRPC: list('ordersGrpc')[0]!,
  });
  for (const [route, upstream] of Object.entries(GATEWAY_UPSTREAMS)) {
    const addresses = list(route as keyof GatewayUpstreams);
    if (addresses.length > 1) conf = withReplicas(conf, upstream, addresses);
  }
  await writeFile(join(dir, 'nginx.conf'), conf);
  // No `daemon` or `pid` in the template (the image sets its own): they come from -g here.
  const args = ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'];
  args.push('-g', `daemon off; pid ${join(dir, 'nginx.pid')};`);
  // Files, not pipes: Node's pipes are sockets, and nginx cannot open /dev/stdout on a socket.
  const [accessFile, errorFile] = [join(dir, 'access.log'), join(dir, 'error.log')];
  const [accessFd, errorFd] = [openSync(accessFile, 'a'), openSync(errorFile, 'a')];
  const child = track(
    spawn(nginxBin(), args, { stdio: ['ignore', accessFd, errorFd], detached: true }),
  );
  closeSync(accessFd);
  closeSync(errorFd);
  const exited = once(child, 'exit').catch((error: unknown) => [null, String(error)]);
  const accessLog = () =>
    readLines(accessFile).map((line) => JSON.parse(line) as GatewayAccessRecord);
  const errorLog = () => readLines(errorFile).join('\n');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => killGroup(child.pid!), 5_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.race([
      waitForPort(grpcPort, 10_000).then(() => waitForHealthz(httpPort)),
      exited.then(([code]) => {
        throw new Error(`nginx exited with ${code}`);
      }),
    ]);
  } catch (error) {
    const log = errorLog();
    await stop();
    throw new Error(`gateway did not start: ${String(error)}\n${log}`, { cause: error });
  }

  return {
    httpPort,
    grpcPort,
    url: `http://127.0.0.1:${httpPort}`,
    accessLog,
    errorLog,
    waitForAccess: async (predicate, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = accessLog().find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('no matching gateway access log record');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    stop,
  };
}

async function waitForHealthz(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no answer on http://127.0.0.1:${port}/healthz`);
}

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/** A missing nginx is named with the command that installs it, before anything starts. */
export function assertNginx(): void {
  try {
    accessSync(nginxBin(), constants.X_OK);
  } catch {
    throw new Error(
      `nginx not found at ${nginxBin()}: install it with sudo bash scripts/ci/apt-deps.sh (or set NGINX_BIN)`,
    );
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
