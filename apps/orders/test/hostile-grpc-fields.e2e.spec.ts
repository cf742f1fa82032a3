import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status, type Metadata } from '@grpc/grpc-js';
import mongoose from 'mongoose';
import { ordersV1, PROTO_FILES } from '#contracts';
import { ON_BEHALF_OF } from '#identity';
import {
  bearer,
  grpcClient,
  paymentsClient,
  testIdentity,
  type Footprint,
  type PaymentsTestClient,
  type PromiseClient,
  type TestIdentity,
} from '#testing';
import { codeOf } from './support/grpc-bodies.js';
import { badTokens, INJECTIONS } from './support/hostile-inputs.js';
import { startHostileSystem, type HostileSystem } from './support/hostile-system.js';

type Orders = PromiseClient<ordersV1.OrderServiceClient>;
const ordersAt = (address: string): Orders =>
  grpcClient(PROTO_FILES.orders, 'orders.v1.OrderService', address);

describe('injections and bad tokens over gRPC, gateway and apps’ ports: inert, refused, no leaks', () => {
  let system: HostileSystem;
  let stranger: TestIdentity;
  let token: string;
  let baseline: Map<string, Footprint>;
  let gateway: Orders;
  let orders: Orders;
  let payments: PaymentsTestClient;
  let asOrders: Metadata;

  before(async () => {
    [system, stranger] = await Promise.all([startHostileSystem(), testIdentity()]);
    token = await system.identity.token('mallory');
    gateway = ordersAt(`127.0.0.1:${system.gateway.grpcPort}`);
    orders = ordersAt(`127.0.0.1:${system.orders.grpcPort}`);
    payments = paymentsClient(`127.0.0.1:${system.payments.grpcPort}`);
    // Money moves only for orders: call payments as orders does for mallory, so the strings
    // reach validation and the ledger rather than stopping at the role check.
    asOrders = bearer(await system.identity.serviceToken());
    asOrders.set(ON_BEHALF_OF, token);
    const amount = { currencyCode: 'EUR', amountMinor: 100 };
    await gateway.createOrder({ idempotencyKey: randomUUID(), amount, description: '' }, token);
    baseline = await system.footprints();
  });
  after(async () => {
    [gateway, orders, payments].forEach((client) => client?.close());
    await stranger?.close();
    await system?.stop();
  });

  it('treats injection strings in every string field as inert data', async () => {
    const db = await mongoose.createConnection(system.paymentsDb.url).asPromise();
    const ledger = db.db!.collection('payments');
    const entries = async () => (await ledger.find({}).toArray()).map((doc) => String(doc._id));
    const earlier = new Set(await entries());
    const written = new Set<string>(); // entries written under an injection string as order id
    const amount = { currencyCode: 'EUR', amountMinor: 700 };
    const fine = [status.OK, status.INVALID_ARGUMENT, status.NOT_FOUND, status.PERMISSION_DENIED];
    try {
      for (const text of INJECTIONS) {
        const started = Date.now();
        const created = await gateway.createOrder(
          { idempotencyKey: randomUUID(), amount, description: text },
          token,
        );
        assert.equal(
          (await gateway.getOrder({ orderId: created.order!.id }, token)).order?.description,
          text,
        );
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
              payments.processPayment(
                { orderId: randomUUID(), customerId: text, amount },
                asOrders,
              ),
          ],
        ];
        for (const [name, call] of calls) {
          const code = await codeOf(call());
          assert.ok(fine.includes(code), `${name} ${text}: ${code}`);
        }
        const charge = () =>
          payments.processPayment({ orderId: text, customerId: 'mallory', amount }, asOrders);
        const refund = () => payments.refundPayment({ orderId: text, reason: text }, asOrders);
        for (const [name, call] of [
          ['charge order', charge],
          ['refund', refund],
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
      await db.close();
    }
  });

  it('refuses expired, forged and malformed tokens with UNAUTHENTICATED on every port', async () => {
    for (const [name, bad] of Object.entries(await badTokens(system.identity, stranger))) {
      const calls = [
        ['gateway', () => gateway.listOrders({ pageSize: 1, pageToken: '' }, bad)],
        ['orders', () => orders.listOrders({ pageSize: 1, pageToken: '' }, bad)],
        ['payments', () => payments.getPayment({ orderId: randomUUID() }, bad)],
      ] as const;
      for (const [where, call] of calls) {
        assert.equal(await codeOf(call()), status.UNAUTHENTICATED, `${name} at ${where}`);
      }
    }
  });

  it('stays up and ready, with no unhandled error and no leaked memory or descriptors', async () => {
    await system.assertHealthyAndNoLeaks(baseline, { fdSlack: 16, rssGrowthMb: 128 });
  });
});
