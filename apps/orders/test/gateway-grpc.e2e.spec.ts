import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect } from 'node:http2';
import * as grpc from '@grpc/grpc-js';
import { freePort, type PostgresEndpoint } from '#platform';
import {
  grpcHealthStatus,
  startApp,
  startGateway,
  testPostgres,
  type AppProcess,
  type Gateway,
} from '#testing';

/** A raw unary call with an empty message; resolves with the error every such call ends in. */
function unaryCall(port: number, path: string): Promise<grpc.ServiceError> {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise<grpc.ServiceError>((resolve, reject) =>
    client.makeUnaryRequest(
      path,
      (value: Buffer) => value,
      (value: Buffer) => value,
      Buffer.alloc(0),
      (error) => (error ? resolve(error) : reject(new Error(`${path} unexpectedly succeeded`))),
    ),
  ).finally(() => client.close());
}

/** POSTs `body` over HTTP/2 with `contentType`; resolves with the answer's HTTP status. */
function h2Status(port: number, path: string, contentType: string, body: string): Promise<number> {
  const session = connect(`http://127.0.0.1:${port}`);
  return new Promise<number>((resolve, reject) => {
    session.on('error', reject);
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': contentType,
    });
    stream.on('response', (headers) => resolve(Number(headers[':status'])));
    stream.on('error', reject);
    stream.end(body);
  }).finally(() => session.close());
}

describe('NGINX gateway, gRPC, in front of the real orders', () => {
  let database: PostgresEndpoint;
  let orders: AppProcess;
  let gateway: Gateway;
  let ordersGrpc: string;

  before(async () => {
    database = await testPostgres();
    orders = await startApp('orders', { grpc: true, env: { DATABASE_URL: database.url } });
    ordersGrpc = `127.0.0.1:${orders.grpcPort}`;
    // Only orders is behind the gRPC port; the HTTP upstreams may be absent here.
    const nobody = `127.0.0.1:${await freePort()}`;
    gateway = await startGateway({
      authHttp: nobody,
      ordersHttp: `127.0.0.1:${orders.httpPort}`,
      ordersGrpc,
    });
  });
  after(async () => {
    await gateway?.stop();
    await orders?.stop();
    await database?.close();
  });

  it('proxies gRPC health to orders over HTTP/2', async () => {
    assert.equal(await grpcHealthStatus(gateway.grpcPort, 'orders.v1.OrderService'), 'SERVING');
    const record = await gateway.waitForAccess((r) => r.uri === '/grpc.health.v1.Health/Check');
    assert.equal(record.protocol, 'HTTP/2.0');
    assert.equal(record.upstream, ordersGrpc);
    assert.equal(record.grpc_status, '0');
  });

  it('passes OrderService calls to orders and answers anything else itself', async () => {
    const routed = await unaryCall(gateway.grpcPort, '/orders.v1.OrderService/GetOrder');
    assert.doesNotMatch(routed.details, /not routed by the gateway/);
    const record = await gateway.waitForAccess((r) => r.uri === '/orders.v1.OrderService/GetOrder');
    assert.equal(record.upstream, ordersGrpc);

    const hidden = await unaryCall(gateway.grpcPort, '/payments.v1.PaymentService/ProcessPayment');
    assert.equal(hidden.code, grpc.status.UNIMPLEMENTED);
    assert.equal(hidden.details, 'not routed by the gateway');
  });

  it('refuses what is not gRPC with 415 itself, before any upstream sees it', async () => {
    for (const contentType of ['text/plain', 'application/json', 'application/grpcx']) {
      const path = `/orders.v1.OrderService/CreateOrder?${contentType}`;
      assert.equal(await h2Status(gateway.grpcPort, path, contentType, 'hello'), 415, contentType);
      const record = await gateway.waitForAccess((r) => r.uri === path);
      assert.equal(record.upstream, '', contentType);
    }
  });
});
