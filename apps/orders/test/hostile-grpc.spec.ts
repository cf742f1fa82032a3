import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import mongoose from 'mongoose';
import { ordersV1, PROTO_FILES } from '#contracts';
import {
  grpcClient,
  paymentsClient,
  testIdentity,
  type Footprint,
  type PromiseClient,
  type TestIdentity,
} from '#testing';
import {
  bytesField,
  grpcFrame,
  h2Request,
  intField,
  messageField,
  rawUnary,
  varint,
  wireKey,
} from './support/grpc-raw.js';
import { startHostileSystem, type HostileSystem } from './support/hostile-system.js';
import { badTokens, INJECTIONS } from './support/hostile-inputs.js';

const CREATE = '/orders.v1.OrderService/CreateOrder';
const PROCESS = '/payments.v1.PaymentService/ProcessPayment';
const money = (minor = 1_500n, currency = 'EUR') =>
  messageField(2, bytesField(1, currency), intField(2, minor));
const createBody = (description: string | Buffer = 'raw', minor = 1_500n) =>
  Buffer.concat([bytesField(1, randomUUID()), money(minor), bytesField(3, description)]);
const processBody = () =>
  Buffer.concat([
    bytesField(1, randomUUID()),
    bytesField(2, 'mallory'),
    messageField(3, bytesField(1, 'EUR'), intField(2, 500n)),
  ]);
const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => status.OK,
    (error: { code: number }) => error.code,
  );
const INTERNALS = /\/work\/|node_modules|\n\s+at /;

describe('hostile gRPC input on the gateway and the apps’ ports: right status, up, no leaks', () => {
  let system: HostileSystem;
  let stranger: TestIdentity;
  let token: string;
  let baseline: Map<string, Footprint>;
  let gateway: PromiseClient<ordersV1.OrderServiceClient>;
  let targets: Array<{ name: string; address: string; path: string; body: () => Buffer }>;

  before(async () => {
    [system, stranger] = await Promise.all([startHostileSystem(), testIdentity()]);
    token = await system.identity.token('mallory');
    const address = (port: number) => `127.0.0.1:${port}`;
    gateway = grpcClient(
      PROTO_FILES.orders,
      'orders.v1.OrderService',
      address(system.gateway.grpcPort),
    );
    targets = [
      {
        name: 'gateway',
        address: address(system.gateway.grpcPort),
        path: CREATE,
        body: () => createBody(),
      },
      {
        name: 'orders',
        address: address(system.orders.grpcPort!),
        path: CREATE,
        body: () => createBody(),
      },
      {
        name: 'payments',
        address: address(system.payments.grpcPort!),
        path: PROCESS,
        body: processBody,
      },
    ];
    for (const target of targets) {
      assert.equal(
        (await rawUnary(target.address, target.path, target.body(), token)).code,
        status.OK,
        target.name,
      );
    }
    baseline = await system.footprints();
  });
  after(async () => {
    gateway?.close();
    await stranger?.close();
    await system?.stop();
  });

  it('answers undecodable protobuf with INTERNAL or INVALID_ARGUMENT, telling nothing of its internals', async () => {
    const refused = [status.INTERNAL, status.INVALID_ARGUMENT];
    const frames: Array<[string, Buffer, number[]]> = [
      [
        'random bytes',
        Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 151 + 7) % 256)),
        refused,
      ],
      [
        'length past the end',
        Buffer.concat([wireKey(1, 2), varint(1n << 31n), Buffer.from('abc')]),
        refused,
      ],
      ['wire type 7', Buffer.concat([wireKey(1, 7), Buffer.from([1])]), refused],
      ['unterminated varint', Buffer.from([0x08, 0xff, 0xff, 0xff]), refused],
      [
        'groups nested 100,000 deep',
        Buffer.concat(Array.from({ length: 100_000 }, () => wireKey(15, 3))),
        refused,
      ],
      ['empty', Buffer.alloc(0), refused],
      // protobufjs reads a cut-off last field as a shorter one: any answer but a crash.
      ['cut short', createBody().subarray(0, -2), [...refused, status.OK]],
    ];
    for (const target of targets) {
      for (const [name, frame, expected] of frames) {
        const { code, details } = await rawUnary(target.address, target.path, frame, token);
        assert.ok(expected.includes(code), `${target.name} ${name}: ${code} ${details}`);
        assert.doesNotMatch(details, INTERNALS, `${target.name} ${name}`);
      }
    }
  });

  it('refuses out-of-range int64 amounts and stores broken UTF-8 only as well-formed text', async () => {
    for (const minor of [(1n << 63n) - 1n, -1n, (1n << 53n) + 1n, 0n]) {
      const { code } = await rawUnary(targets[0]!.address, CREATE, createBody('x', minor), token);
      assert.equal(code, status.INVALID_ARGUMENT, `amount ${minor}`);
    }
    for (const bytes of [
      [0xc3, 0x28],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xff, 0xfe],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      const key = randomUUID();
      const body = Buffer.concat([bytesField(1, key), money(), bytesField(3, Buffer.from(bytes))]);
      const { code, details } = await rawUnary(targets[0]!.address, CREATE, body, token);
      assert.ok(
        [status.OK, status.INVALID_ARGUMENT].includes(code),
        `${bytes}: ${code} ${details}`,
      );
      if (code !== status.OK) continue;
      const { orders } = await gateway.listOrders({ pageSize: 1, pageToken: '' }, token);
      assert.ok(
        orders[0]!.description.isWellFormed(),
        `${bytes} stored as ${JSON.stringify(orders[0]!.description)}`,
      );
    }
  });

  it('refuses wrong content types and broken gRPC framing without falling over', async () => {
    const ports = [system.gateway.grpcPort, system.orders.grpcPort!, system.payments.grpcPort!];
    const valid = grpcFrame(createBody());
    // [name, headers, body, processed as is: grpc-js reads a compressed flag without an encoding
    // as an uncompressed message]
    const cases: Array<[string, Record<string, string>, Buffer, boolean?]> = [
      ['json', { 'content-type': 'application/json' }, Buffer.from('{}')],
      ['text', { 'content-type': 'text/plain' }, Buffer.from('hello')],
      [
        'compressed flag, no encoding',
        { 'content-type': 'application/grpc' },
        grpcFrame(createBody(), undefined, 1),
        true,
      ],
      [
        'unknown encoding',
        { 'content-type': 'application/grpc', 'grpc-encoding': 'zstd-ish' },
        grpcFrame(createBody(), undefined, 1),
      ],
      [
        'prefix says 4 GiB',
        { 'content-type': 'application/grpc' },
        grpcFrame(Buffer.from('abc'), 0xffffffff),
      ],
      [
        'prefix longer than the body',
        { 'content-type': 'application/grpc' },
        grpcFrame(Buffer.from('abc'), 100),
      ],
      [
        'two messages for a unary call',
        { 'content-type': 'application/grpc' },
        Buffer.concat([valid, valid]),
      ],
    ];
    for (const port of ports) {
      const path = port === system.payments.grpcPort ? PROCESS : CREATE;
      for (const [name, headers, body, lenient] of cases) {
        const answer = await h2Request(
          port,
          path,
          { ...headers, authorization: `Bearer ${token}` },
          body,
        );
        const refusedByHttp = answer.status >= 400 && answer.status < 500;
        const refusedByGrpc = answer.grpcStatus !== undefined && answer.grpcStatus !== '0';
        const processed = lenient && answer.grpcStatus === '0';
        assert.ok(
          refusedByHttp || refusedByGrpc || processed,
          `${port} ${name}: ${JSON.stringify(answer)}`,
        );
      }
      const http1 = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        body: 'x',
      }).then(
        (r) => r.status,
        () => 0,
      );
      assert.ok(http1 === 0 || http1 >= 400, `HTTP/1.1 on ${port}: ${http1}`);
    }
  });

  it('refuses messages over 1 MiB with RESOURCE_EXHAUSTED', async () => {
    for (const target of targets) {
      const big =
        target.path === CREATE
          ? createBody('x'.repeat(2 * 1024 * 1024))
          : Buffer.concat([processBody(), bytesField(15, 'x'.repeat(2 * 1024 * 1024))]);
      const { code, details } = await rawUnary(target.address, target.path, big, token);
      assert.equal(code, status.RESOURCE_EXHAUSTED, `${target.name}: ${code} ${details}`);
    }
  });

  it('treats injection strings in every string field as inert data', async () => {
    const payments = paymentsClient(targets[2]!.address);
    const db = await mongoose.createConnection(system.paymentsDb.url).asPromise();
    const ledger = db.db!.collection('payments');
    const entries = async () => (await ledger.find({}).toArray()).map((doc) => String(doc._id));
    const earlier = new Set(await entries());
    // Ledger entries the injections wrote under their own text as the order id.
    const written = new Set<string>();
    const amount = { currencyCode: 'EUR', amountMinor: 700 };
    try {
      for (const text of INJECTIONS) {
        const started = Date.now();
        const { order } = await gateway.createOrder(
          { idempotencyKey: randomUUID(), amount, description: text },
          token,
        );
        assert.equal(
          (await gateway.getOrder({ orderId: order!.id }, token)).order?.description,
          text,
        );
        const fine = [status.OK, status.INVALID_ARGUMENT, status.NOT_FOUND];
        const calls: Array<[string, () => Promise<unknown>]> = [
          [
            'key',
            () => gateway.createOrder({ idempotencyKey: text, amount, description: '' }, token),
          ],
          [
            'currency',
            () =>
              gateway.createOrder(
                {
                  idempotencyKey: randomUUID(),
                  amount: { ...amount, currencyCode: text },
                  description: '',
                },
                token,
              ),
          ],
          ['get', () => gateway.getOrder({ orderId: text }, token)],
          ['cancel', () => gateway.cancelOrder({ orderId: text, reason: text }, token)],
          ['saga', () => gateway.getOrderSaga({ orderId: text }, token)],
          ['page token', () => gateway.listOrders({ pageSize: 5, pageToken: text }, token)],
          ['get payment', () => payments.getPayment({ orderId: text }, token)],
          [
            'charge customer',
            () =>
              payments.processPayment({ orderId: randomUUID(), customerId: text, amount }, token),
          ],
        ];
        for (const [name, call] of calls) {
          const code = await codeOf(call());
          assert.ok([...fine, status.PERMISSION_DENIED].includes(code), `${name} ${text}: ${code}`);
        }
        for (const [name, call] of [
          [
            'charge order',
            () => payments.processPayment({ orderId: text, customerId: 'mallory', amount }, token),
          ],
          ['refund', () => payments.refundPayment({ orderId: text, reason: text }, token)],
        ] as const) {
          const code = await codeOf(call());
          assert.ok(fine.includes(code), `${name} ${text}: ${code}`);
          if (code === status.OK) written.add(text);
        }
        assert.ok(Date.now() - started < 5_000, `${text} took ${Date.now() - started} ms`);
      }
      // Every new entry is an order's or one the injections wrote; each of those is findable as is.
      const orderIds = new Set(await system.orderIds());
      const strays = (await entries()).filter(
        (id) => !earlier.has(id) && !orderIds.has(id) && !written.has(id),
      );
      assert.deepEqual(await ledger.find({ _id: { $in: strays as never[] } }).toArray(), []);
      for (const id of written)
        assert.equal(await ledger.countDocuments({ _id: id as never }), 1, id);
    } finally {
      payments.close();
      await db.close();
    }
  });

  it('refuses expired, forged and malformed tokens with UNAUTHENTICATED on every port', async () => {
    const orders = grpcClient<ordersV1.OrderServiceClient>(
      PROTO_FILES.orders,
      'orders.v1.OrderService',
      targets[1]!.address,
    );
    const payments = paymentsClient(targets[2]!.address);
    try {
      for (const [name, bad] of Object.entries(await badTokens(system.identity, stranger))) {
        for (const [where, call] of [
          ['gateway', () => gateway.listOrders({ pageSize: 1, pageToken: '' }, bad)],
          ['orders', () => orders.listOrders({ pageSize: 1, pageToken: '' }, bad)],
          ['payments', () => payments.getPayment({ orderId: randomUUID() }, bad)],
        ] as const) {
          assert.equal(await codeOf(call()), status.UNAUTHENTICATED, `${name} at ${where}`);
        }
      }
    } finally {
      orders.close();
      payments.close();
    }
  });

  it('stays up and ready, with no unhandled error and no leaked memory or descriptors', async () => {
    await system.assertHealthyAndNoLeaks(baseline, { fdSlack: 16, rssGrowthMb: 128 });
  });
});
