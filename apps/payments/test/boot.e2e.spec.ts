import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MongoEndpoint } from '#platform';
import { grpcHealthStatus, runAppToExit, startApp, testMongo } from '#testing';

describe('payments process', () => {
  let mongo: MongoEndpoint;
  before(async () => (mongo = await testMongo()));
  after(() => mongo.close());

  it('serves HTTP readiness and gRPC health on a MongoDB-wire server, exits 0 on SIGTERM', async () => {
    const app = await startApp('payments', { grpc: true, env: { MONGO_URL: mongo.url } });
    const ready = await fetch(`http://127.0.0.1:${app.httpPort}/health/ready`);
    assert.equal(ready.status, 200);
    assert.equal(await grpcHealthStatus(app.grpcPort!, 'payments.v1.PaymentService'), 'SERVING');
    assert.equal(await app.stop('SIGTERM'), 0);
  });

  it('refuses to start with a malformed MONGO_URL and names it', async () => {
    const { code, output } = await runAppToExit('payments', { MONGO_URL: 'http://mongo:27017' });
    assert.equal(code, 1);
    assert.match(output, /MONGO_URL/);
  });
});
