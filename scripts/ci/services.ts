import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../../scripts/ci/services.sh', import.meta.url));

export interface Services {
  /** What services.sh exports: DATABASE_URL, MONGO_URL, REDIS_URL, PG_PORT. */
  env: Record<string, string>;
  stop(): void;
}

/**
 * Starts the real PostgreSQL, FerretDB and Redis of scripts/ci/services.sh in `dir` (its output
 * shown as it goes), `durable` with fsync and synchronous_commit on. Throws when they do not come
 * up; the script has then stopped what it started.
 */
export function startServices(
  dir: string,
  { durable = false, env = process.env }: { durable?: boolean; env?: NodeJS.ProcessEnv } = {},
): Services {
  const args = [SCRIPT, 'start', dir, ...(durable ? ['durable'] : [])];
  const run = spawnSync('bash', args, {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) {
    throw new Error(
      `scripts/ci/services.sh start failed (exit ${run.status}): see its output above`,
    );
  }
  const exported = [...run.stdout.matchAll(/^export (\w+)=(.*)$/gm)];
  return {
    env: Object.fromEntries(exported.map(([, name, value]) => [name!, value!])),
    stop: () => void spawnSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' }),
  };
}
