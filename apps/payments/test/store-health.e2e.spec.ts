import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApp, testIdentity, type AppProcess, type TestIdentity } from '#testing';

const LIVENESS_MS = 4_000;

async function status(app: AppProcess, path: string): Promise<{ code: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${app.httpPort}/health/${path}`, {
    signal: AbortSignal.timeout(10_000),
  });
  return { code: res.status, body: await res.text() };
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// The embedded default (no MONGO_URL), as `npm start` runs payments: FerretDB on SQLite.
describe('payments health on its embedded store', () => {
  let dataDir: string;
  let identity: TestIdentity;
  let app: AppProcess;
  let ferretPid: number;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'payments-health-'));
    identity = await testIdentity();
    app = await startApp('payments', {
      grpc: true,
      timeoutMs: 150_000,
      env: {
        ...identity.env,
        MONGO_URL: undefined,
        DATA_DIR: dataDir,
        STORE_PING_TIMEOUT_MS: '1000',
        STORE_PROBE_INTERVAL_MS: '500',
        STORE_DOWN_LIVENESS_MS: String(LIVENESS_MS),
      },
    });
    ferretPid = Number(await readFile(join(dataDir, 'mongo', 'ferretdb.pid'), 'utf8'));
  });
  after(async () => {
    try {
      process.kill(ferretPid, 'SIGCONT');
    } catch {
      // already gone
    }
    await app?.stop('SIGKILL');
    await identity?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a frozen store: readiness 503 naming mongo at once, liveness 503 after STORE_DOWN_LIVENESS_MS, both 200 once it answers', async () => {
    // On a busy machine one ping may miss its second: wait for a good one before freezing.
    await until(async () => (await status(app, 'ready')).code === 200, 15_000, 'ready');
    process.kill(ferretPid, 'SIGSTOP');
    const frozenAt = Date.now();
    const ready = await status(app, 'ready');
    assert.equal(ready.code, 503);
    assert.match(ready.body, /"title":"UNAVAILABLE".*"detail":"mongo: /);
    assert.equal((await status(app, 'live')).code, 200, 'not yet down for long');
    await until(async () => (await status(app, 'live')).code === 503, 15_000, 'liveness 503');
    assert.ok(Date.now() - frozenAt >= LIVENESS_MS, 'liveness waited for the limit');
    assert.match((await status(app, 'live')).body, /failed every ping for \d+ s/);
    process.kill(ferretPid, 'SIGCONT');
    await until(async () => (await status(app, 'ready')).code === 200, 15_000, 'ready again');
    assert.equal((await status(app, 'live')).code, 200);
    assert.equal(app.output.filter((line) => line.includes('unhandled error')).length, 0);
  });

  it('payments exits with code 1, naming its store, when the embedded store dies', async () => {
    const exited = once(app.child, 'exit');
    process.kill(ferretPid, 'SIGKILL');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 1);
    assert.match(app.output.join('\n'), /embedded FerretDB was killed by SIGKILL; stopping/);
  });
});
