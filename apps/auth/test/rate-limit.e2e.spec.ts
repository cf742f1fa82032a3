import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PostgresEndpoint } from '#platform';
import { startApp, testPostgres, testRedis, type AppProcess, type RedisEndpoint } from '#testing';
import { login, register, type Reply } from './auth-http.js';

// Long enough that a window does not close while a busy machine hashes the attempts that fill it.
const WINDOW_SECONDS = 5;
const from = (address: string) => ({ 'x-forwarded-for': address });

function assertLimited(reply: Reply) {
  assert.equal(reply.status, 429);
  assert.equal(reply.body.title, 'RATE_LIMITED');
  const wait = Number(reply.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= WINDOW_SECONDS, `Retry-After ${wait}`);
  return wait;
}

const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000 + 150));

/**
 * Login limits on real HTTP, with the counters in Redis when one is available (REDIS_URL in CI,
 * else a redis-server started here): 3 failures per username, 6 per address, 2 s windows; and 3
 * registrations per address.
 */
describe('login and registration rate limiting', () => {
  let postgres: PostgresEndpoint;
  let redis: RedisEndpoint | undefined;
  let env: Record<string, string>;
  let app: AppProcess;

  before(async () => {
    [postgres, redis] = await Promise.all([testPostgres(), testRedis()]);
    env = {
      DATABASE_URL: postgres.url,
      ...(redis ? { REDIS_URL: redis.url, RATE_LIMIT_KEY_PREFIX: redis.keyPrefix } : {}),
      LOGIN_LIMIT_PER_USERNAME: '3',
      LOGIN_LIMIT_PER_ADDRESS: '6',
      LOGIN_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      REGISTER_LIMIT_PER_ADDRESS: '3',
      REGISTER_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      TRUST_PROXY: 'true',
    };
    app = await startApp('auth', { env });
    for (const name of ['heidi', 'ivan', 'judy']) {
      assert.equal((await register(app, name, 'correct horse 1')).status, 201);
    }
  });
  after(async () => {
    await app?.stop();
    await Promise.all([postgres?.close(), redis?.close()]);
  });

  it('trips per username, refusing even the right password, and recovers after Retry-After', async () => {
    for (let i = 1; i <= 3; i += 1) {
      assert.equal((await login(app, 'heidi', 'guess', from(`10.1.0.${i}`))).status, 401);
    }
    const wait = assertLimited(await login(app, 'heidi', 'correct horse 1', from('10.1.0.9')));
    assert.equal((await login(app, 'ivan', 'correct horse 1', from('10.1.0.9'))).status, 200);
    await sleep(wait);
    assert.equal((await login(app, 'heidi', 'correct horse 1', from('10.1.0.9'))).status, 200);
  });

  it('trips per client address across usernames and recovers', async () => {
    for (let i = 1; i <= 6; i += 1) {
      assert.equal((await login(app, `nobody-${i}`, 'guess', from('10.2.0.1'))).status, 401);
    }
    const wait = assertLimited(await login(app, 'judy', 'correct horse 1', from('10.2.0.1')));
    assert.equal((await login(app, 'judy', 'correct horse 1', from('10.2.0.2'))).status, 200);
    await sleep(wait);
    assert.equal((await login(app, 'judy', 'correct horse 1', from('10.2.0.1'))).status, 200);
  });

  it('does not count successful logins against the owner', async () => {
    for (let i = 0; i < 8; i += 1) {
      assert.equal((await login(app, 'ivan', 'correct horse 1', from('10.3.0.1'))).status, 200);
    }
  });

  it('limits registrations per address before hashing, creating no account, and recovers', async () => {
    const password = 'correct horse 1';
    // Refused input is answered before the limit: it neither counts nor costs a hash.
    assert.equal((await register(app, 'x', password, from('10.5.0.1'))).status, 400);
    for (const name of ['kim', 'lee', 'max']) {
      assert.equal((await register(app, name, password, from('10.5.0.1'))).status, 201);
    }
    const wait = assertLimited(await register(app, 'ned', password, from('10.5.0.1')));
    assert.equal((await login(app, 'ned', password, from('10.5.0.3'))).status, 401, 'no account');
    assert.equal((await register(app, 'oli', password, from('10.5.0.2'))).status, 201);
    await sleep(wait);
    assert.equal((await register(app, 'ned', password, from('10.5.0.1'))).status, 201);
  });

  it('holds across replicas sharing Redis', async (t) => {
    if (!redis) return t.skip('no Redis: REDIS_URL unset and no redis-server installed');
    const replica = await startApp('auth', { env });
    try {
      for (let i = 1; i <= 3; i += 1) {
        assert.equal((await login(app, 'judy', 'guess', from(`10.4.0.${i}`))).status, 401);
      }
      assertLimited(await login(replica, 'judy', 'correct horse 1', from('10.4.0.9')));
    } finally {
      await replica.stop();
    }
  });
});
