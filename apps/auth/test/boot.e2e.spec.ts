import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PostgresEndpoint } from '#platform';
import { execFileSync } from 'node:child_process';
import { runAppToExit, startApp, testPostgres, testRedis } from '#testing';
import { customer, decodeSegment, startAuth, testKey } from './auth-http.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://auth@127.0.0.1:1/auth',
  REDIS_URL: 'redis://127.0.0.1:1',
};

describe('auth process', () => {
  let postgres: PostgresEndpoint;
  before(async () => (postgres = await testPostgres()));
  after(() => postgres.close());

  it('becomes ready on a real PostgreSQL and exits 0 on SIGTERM', async () => {
    const app = await startAuth(postgres);
    const ready = await fetch(`http://127.0.0.1:${app.httpPort}/health/ready`);
    assert.equal(ready.status, 200);
    assert.equal(await app.stop('SIGTERM'), 0);
  });

  it('generates an ephemeral signing key outside production and says so', async () => {
    const app = await startAuth(postgres);
    try {
      const line = app.output.find((l) => l.includes('ephemeral ES256 signing key'));
      assert.ok(line, app.output.join('\n'));
      const jwks = await fetch(`http://127.0.0.1:${app.httpPort}/.well-known/jwks.json`);
      const { keys } = (await jwks.json()) as { keys: { kid: string }[] };
      assert.ok(line.includes(keys[0]!.kid));
    } finally {
      await app.stop();
    }
  });

  it('starts in production with a key from auth:keygen, signs with it and publishes it', async (t) => {
    const redis = await testRedis();
    if (!redis)
      return t.skip('production needs REDIS_URL: none given and no redis-server installed');
    const script = 'dist/apps/auth/src/keys/generate-signing-key.js';
    const generated = execFileSync(process.execPath, [script, 'ES256', 'prod-1']).toString();
    const app = await startApp('auth', {
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        RATE_LIMIT_KEY_PREFIX: redis.keyPrefix,
        JWT_PRIVATE_JWKS: generated,
      },
    });
    try {
      assert.ok(!app.output.some((line) => line.includes('ephemeral')));
      const jwks = await fetch(`http://127.0.0.1:${app.httpPort}/.well-known/jwks.json`);
      const { keys } = (await jwks.json()) as { keys: { kid: string; d?: string }[] };
      assert.deepEqual(
        keys.map((k) => [k.kid, k.d]),
        [['prod-1', undefined]],
      );
      const { token } = await customer(app, 'prod-user');
      assert.equal(decodeSegment(token, 0).kid, 'prod-1');
    } finally {
      await app.stop();
      await redis.close();
    }
  });

  it('refuses to start with a malformed DATABASE_URL and names it', async () => {
    const { code, output } = await runAppToExit('auth', { DATABASE_URL: 'localhost:5432/auth' });
    assert.equal(code, 1);
    assert.match(output, /DATABASE_URL: must be a URL like postgres:\/\//);
  });

  it('refuses to start in production without signing keys', async () => {
    const { code, output } = await runAppToExit('auth', { ...PRODUCTION, JWT_PRIVATE_JWKS: '' });
    assert.equal(code, 1);
    assert.match(output, /JWT_PRIVATE_JWKS: is required when NODE_ENV=production/);
    assert.doesNotMatch(output, /ephemeral/);
  });

  it('refuses unusable signing keys without echoing them', async () => {
    const key = await testKey('k1');
    const publicOnly = { ...key.publicJwk };
    const cases: [string, RegExp][] = [
      ['{"kty":', /JWT_PRIVATE_JWKS: must be a JSON array of JWKs/],
      [
        JSON.stringify([key.privateJwk, publicOnly]),
        /JWT_PRIVATE_JWKS: key 1: kid "k1" appears twice/,
      ],
      [JSON.stringify([publicOnly]), /JWT_PRIVATE_JWKS: the last key signs/],
    ];
    for (const [value, reason] of cases) {
      const { code, output } = await runAppToExit('auth', {
        ...PRODUCTION,
        JWT_PRIVATE_JWKS: value,
      });
      assert.equal(code, 1);
      assert.match(output, reason);
      assert.ok(!output.includes(key.privateJwk.d!), 'the private key never reaches the output');
    }
  });

  it('refuses an admin username without a password', async () => {
    const { code, output } = await runAppToExit('auth', { ADMIN_USERNAME: 'root' });
    assert.equal(code, 1);
    assert.match(output, /ADMIN_PASSWORD: ADMIN_USERNAME and ADMIN_PASSWORD are set together/);
  });
});
