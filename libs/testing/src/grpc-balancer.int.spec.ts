import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { startGrpcBalancer, type GrpcBalancer } from './grpc-balancer.js';
import { grpcHealthClient, type HealthClient } from './grpc-health.js';

/** A gRPC server whose health service says which backend it is (SERVING or NOT_SERVING). */
async function backend(
  status: 'SERVING' | 'NOT_SERVING',
): Promise<{ port: number; server: grpc.Server }> {
  const server = new grpc.Server();
  const health = new HealthImplementation({ who: status });
  health.addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { port, server };
}

describe('gRPC balancer (real NGINX)', () => {
  let a: Awaited<ReturnType<typeof backend>>;
  let b: Awaited<ReturnType<typeof backend>>;
  let balancer: GrpcBalancer;
  let client: HealthClient;
  const answers = async (calls: number) => {
    const seen: string[] = [];
    for (let i = 0; i < calls; i += 1) seen.push(await client.check('who'));
    return seen;
  };
  before(async () => {
    [a, b] = await Promise.all([backend('SERVING'), backend('NOT_SERVING')]);
    balancer = await startGrpcBalancer([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
    client = grpcHealthClient(Number(balancer.address.split(':')[1]));
  });
  after(async () => {
    client?.close();
    await balancer?.stop();
    a?.server.forceShutdown();
    b?.server.forceShutdown();
  });

  it('spreads the calls of one client connection over every backend', async () => {
    const seen = await answers(10);
    assert.deepEqual(new Set(seen), new Set(['SERVING', 'NOT_SERVING']), seen.join(' '));
  });

  it('sends every call to the backend still up when the other is gone', async () => {
    b.server.forceShutdown();
    assert.deepEqual(new Set(await answers(10)), new Set(['SERVING']), balancer.errorLog());
  });
});
