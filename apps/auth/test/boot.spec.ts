import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PostgresEndpoint } from '#platform';
import { runAppToExit, startApp, testPostgres } from '#testing';

describe('auth process', () => {
  let postgres: PostgresEndpoint;
  before(async () => (postgres = await testPostgres()));
  after(() => postgres.close());

  it('becomes ready on a real PostgreSQL and exits 0 on SIGTERM', async () => {
    const app = await startApp('auth', { env: { DATABASE_URL: postgres.url } });
    const ready = await fetch(`http://127.0.0.1:${app.httpPort}/health/ready`);
    assert.equal(ready.status, 200);
    assert.equal(await app.stop('SIGTERM'), 0);
  });

  it('refuses to start with a malformed DATABASE_URL and names it', async () => {
    const { code, output } = await runAppToExit('auth', { DATABASE_URL: 'localhost:5432/auth' });
    assert.equal(code, 1);
    assert.match(output, /DATABASE_URL: must be a URL like postgres:\/\//);
  });
});
