import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from '#platform';
import { track } from './child-processes.js';
import { assertNginx, nginxBin } from './gateway.js';

export interface GrpcBalancer {
  /** host:port to dial instead of any one backend. */
  address: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * One call at a time per backend, not one connection: HTTP/2 carries every call of a client on
 * one long-lived connection, so a TCP (L4) balancer would pin each client to one replica. A
 * refused connection (a replica down) makes NGINX try the next one; a call already sent is not
 * repeated (gRPC calls are POSTs), so its caller sees UNAVAILABLE and decides.
 */
export function grpcBalancerConf(port: number, backends: readonly string[]): string {
  const servers = backends.map((b) => `    server ${b} max_fails=1 fail_timeout=2s;`).join('\n');
  return `worker_processes 1;
error_log stderr warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path client_body_temp;
  proxy_temp_path proxy_temp;
  fastcgi_temp_path fastcgi_temp;
  uwsgi_temp_path uwsgi_temp;
  scgi_temp_path scgi_temp;
  upstream backends {
${servers}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port} http2;
    client_max_body_size 1m;
    location / {
      grpc_pass grpc://backends;
      grpc_next_upstream error timeout;
      grpc_connect_timeout 1s;
      grpc_send_timeout 30s;
      grpc_read_timeout 30s;
    }
  }
}
`;
}

/**
 * NGINX balancing gRPC over `backends` (the replicas of a service), on a free loopback port,
 * in its own temp folder (removed by stop).
 */
export async function startGrpcBalancer(backends: readonly string[]): Promise<GrpcBalancer> {
  assertNginx();
  const dir = await mkdtemp(join(tmpdir(), 'saga-grpc-balancer-'));
  await chmod(dir, 0o755); // NGINX workers drop root and still need their temp folders
  const port = await freePort();
  await writeFile(join(dir, 'nginx.conf'), grpcBalancerConf(port, backends));
  const errorFile = join(dir, 'error.log');
  const errorFd = openSync(errorFile, 'a');
  const args = ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'];
  args.push('-g', 'daemon off; pid nginx.pid;');
  const child = track(
    spawn(nginxBin(), args, { stdio: ['ignore', 'ignore', errorFd], detached: true }),
  );
  closeSync(errorFd);
  const exited = once(child, 'exit');
  const errorLog = () => (existsSync(errorFile) ? readFileSync(errorFile, 'utf8') : '');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      waitForPort(port, 10_000),
      exited.then(([code]) => {
        throw new Error(`nginx exited with ${code}`);
      }),
    ]);
  } catch (error) {
    const log = errorLog();
    await stop();
    throw new Error(`gRPC balancer did not start: ${String(error)}\n${log}`, { cause: error });
  }
  return { address: `127.0.0.1:${port}`, errorLog, stop };
}
