// `npm run load:smoke`: the whole system on real stores behind the real NGINX gateway, driven by
// k6's smoke suite (load/smoke.js); k6's thresholds decide pass or fail. CI runs it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway, startTestSystem } from '#testing';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function main(): Promise<number> {
  const system = await startTestSystem();
  const gateway = await startGateway({
    authHttp: `127.0.0.1:${system.auth.httpPort}`,
    ordersHttp: `127.0.0.1:${system.orders.httpPort}`,
    ordersGrpc: `127.0.0.1:${system.orders.grpcPort}`,
  });
  try {
    const k6 = spawn(
      join(REPO_ROOT, '.tools/bin/k6'),
      ['run', '--no-color', '-e', `GATEWAY_URL=${gateway.url}`, join(REPO_ROOT, 'load/smoke.js')],
      { stdio: 'inherit' },
    );
    return await new Promise<number>((resolve) => k6.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await gateway.stop();
    await system.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `load smoke failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
