import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort, waitForPort } from '#platform';

export interface RedisEndpoint {
  url: string;
  /** A key prefix of this test file's own, so files sharing one server never see each other. */
  keyPrefix: string;
  description: string;
  close(): Promise<void>;
}

/**
 * The Redis in REDIS_URL (CI runs a real redis-server), else a `redis-server` started for this
 * file when the binary is installed, else undefined: the caller then tests the in-process store.
 */
export async function testRedis(): Promise<RedisEndpoint | undefined> {
  const keyPrefix = `test-${randomBytes(6).toString('hex')}`;
  const given = process.env.REDIS_URL;
  if (given)
    return { url: given, keyPrefix, description: 'Redis (REDIS_URL)', close: async () => {} };
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    keyPrefix,
    description: `redis-server on port ${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
