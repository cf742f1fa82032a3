import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { ordersV1, PROTO_FILES } from '#contracts';
import { ON_BEHALF_OF } from '#identity';
import { grpcClient, type Footprint, type PromiseClient } from '#testing';
import {
  badFraming,
  createBody,
  CREATE,
  money,
  processBody,
  rawTargets,
  undecodable,
  type RawTarget,
} from './support/grpc-bodies.js';
import { bytesField, h2Request } from './support/grpc-raw.js';
import { startHostileSystem, type HostileSystem } from './support/hostile-system.js';

const INTERNALS = /\/work\/|node_modules|\n\s+at /;
const TWO_MIB = 'x'.repeat(2 * 1024 * 1024);

describe('hostile gRPC frames on the gateway and the apps’ ports: right status, up, no leaks', () => {
  let system: HostileSystem;
  let token: string;
  let baseline: Map<string, Footprint>;
  let targets: RawTarget[];
  let gateway: PromiseClient<ordersV1.OrderServiceClient>;

  before(async () => {
    system = await startHostileSystem();
    token = await system.identity.token('mallory');
    const [gatewayPort, orders, payments] = [
      system.gateway.grpcPort,
      system.orders,
      system.payments,
    ];
    const customer = { authorization: `Bearer ${token}` };
    const forCustomer = {
      authorization: `Bearer ${await system.identity.serviceToken()}`,
      [ON_BEHALF_OF]: token,
    };
    targets = rawTargets(
      { gateway: gatewayPort, orders: orders.grpcPort!, payments: payments.grpcPort! },
      { customer, orders: forCustomer },
    );
    gateway = grpcClient(PROTO_FILES.orders, 'orders.v1.OrderService', targets[0]!.address);
    for (const target of targets) {
      assert.equal((await target.call(target.body())).code, status.OK, target.name);
    }
    baseline = await system.footprints();
  });
  after(async () => {
    gateway?.close();
    await system?.stop();
  });

  it('answers undecodable protobuf with INTERNAL or INVALID_ARGUMENT, telling nothing of its internals', async () => {
    for (const target of targets) {
      for (const [name, frame, expected] of undecodable()) {
        const { code, details } = await target.call(frame);
        assert.ok(expected.includes(code), `${target.name} ${name}: ${code} ${details}`);
        assert.doesNotMatch(details, INTERNALS, `${target.name} ${name}`);
      }
    }
  });

  it('refuses out-of-range int64 amounts and stores broken UTF-8 only as well-formed text', async () => {
    const [viaGateway] = targets;
    for (const minor of [(1n << 63n) - 1n, -1n, (1n << 53n) + 1n, 0n]) {
      const { code } = await viaGateway!.call(createBody('x', minor));
      assert.equal(code, status.INVALID_ARGUMENT, `amount ${minor}`);
    }
    const broken = [
      [0xc3, 0x28],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xff, 0xfe],
      [0xf4, 0x90, 0x80, 0x80],
    ];
    for (const bytes of broken) {
      const body = Buffer.concat([
        bytesField(1, randomUUID()),
        money(),
        bytesField(3, Buffer.from(bytes)),
      ]);
      const { code, details } = await viaGateway!.call(body);
      assert.ok(
        [status.OK, status.INVALID_ARGUMENT].includes(code),
        `${bytes}: ${code} ${details}`,
      );
      if (code !== status.OK) continue;
      const [latest] = (await gateway.listOrders({ pageSize: 1, pageToken: '' }, token)).orders;
      assert.ok(
        latest!.description.isWellFormed(),
        `${bytes} stored as ${JSON.stringify(latest!.description)}`,
      );
    }
  });

  it('refuses wrong content types and broken gRPC framing without falling over', async () => {
    for (const target of targets) {
      const port = Number(target.address.split(':')[1]);
      const path = target.path;
      for (const [name, headers, body, lenient] of badFraming()) {
        const answer = await h2Request(port, path, { ...headers, ...target.headers }, body);
        const refusedByHttp = answer.status >= 400 && answer.status < 500;
        const refusedByGrpc = answer.grpcStatus !== undefined && answer.grpcStatus !== '0';
        const processed = lenient === true && answer.grpcStatus === '0';
        assert.ok(
          refusedByHttp || refusedByGrpc || processed,
          `${port} ${name}: ${JSON.stringify(answer)}`,
        );
      }
      const http1 = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        body: 'x',
      }).then(
        (response) => response.status,
        () => 0,
      );
      assert.ok(http1 === 0 || http1 >= 400, `HTTP/1.1 on ${port}: ${http1}`);
    }
  });

  it('refuses messages over 1 MiB with RESOURCE_EXHAUSTED', async () => {
    for (const target of targets) {
      const big =
        target.path === CREATE
          ? createBody(TWO_MIB)
          : Buffer.concat([processBody(), bytesField(15, TWO_MIB)]);
      const { code, details } = await target.call(big);
      assert.equal(code, status.RESOURCE_EXHAUSTED, `${target.name}: ${code} ${details}`);
    }
  });

  it('stays up and ready, with no unhandled error and no leaked memory or descriptors', async () => {
    await system.assertHealthyAndNoLeaks(baseline, { fdSlack: 16, rssGrowthMb: 128 });
  });
});
