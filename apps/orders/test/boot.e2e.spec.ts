import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PostgresEndpoint } from '#platform';
import { grpcHealthStatus, runAppToExit, startApp, testPostgres } from '#testing';

describe('orders process', () => {
  let postgres: PostgresEndpoint;
  before(async () => (postgres = await testPostgres()));
  after(() => postgres.close());

  it('serves HTTP readiness and gRPC health on a real PostgreSQL, exits 0 on SIGTERM', async () => {
    const app = await startApp('orders', { grpc: true, env: { DATABASE_URL: postgres.url } });
    const ready = await fetch(`http://127.0.0.1:${app.httpPort}/health/ready`);
    assert.equal(ready.status, 200);
    assert.equal(await grpcHealthStatus(app.grpcPort!, 'orders.v1.OrderService'), 'SERVING');
    assert.equal(await app.stop('SIGTERM'), 0);
  });

  it('refuses to start with a malformed DATABASE_URL and names it', async () => {
    const { code, output } = await runAppToExit('orders', { DATABASE_URL: 'mysql://db/orders' });
    assert.equal(code, 1);
    assert.match(output, /DATABASE_URL/);
  });
});
