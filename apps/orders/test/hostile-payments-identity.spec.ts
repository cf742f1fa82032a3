import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import mongoose from 'mongoose';
import { ordersV1, paymentsV1, PROTO_FILES } from '#contracts';
import {
  ADMIN,
  checkSagaInvariants,
  grpcClient,
  login,
  paymentsClient,
  startTestSystem,
  type PaymentsTestClient,
  type PromiseClient,
  type TestSystem,
} from '#testing';

const { OrderStatus } = ordersV1;
const { PaymentStatus } = paymentsV1;
type Orders = PromiseClient<ordersV1.OrderServiceClient>;

/** A gRPC failure's code, for assertions; fails the test when the call succeeded. */
async function refusal(call: Promise<unknown>): Promise<number> {
  const outcome = await call.then(
    () => undefined,
    (error: { code?: number }) => error.code,
  );
  assert.notEqual(outcome, undefined, 'the call succeeded but must be refused');
  return outcome!;
}

// A newcomer's attack on a running system (issue 21): a customer's real token, from auth's
// login, sent straight to payments' gRPC port, which compose and `npm start` expose.
describe('payments moves money only for orders: a customer going around orders gets nothing', () => {
  let system: TestSystem;
  let orders: Orders;
  let payments: PaymentsTestClient;
  let alice: string;
  let bob: string;
  let ledger: mongoose.Connection;

  const create = (token: string, amountMinor = 2_500) =>
    orders.createOrder(
      {
        idempotencyKey: randomUUID(),
        amount: { currencyCode: 'EUR', amountMinor },
        description: '',
      },
      token,
    );
  const stored = (orderId: string) =>
    ledger.db!.collection<{ _id: string }>('payments').findOne({ _id: orderId });
  const subjectOf = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string })
      .sub;

  before(async () => {
    system = await startTestSystem();
    orders = grpcClient(
      PROTO_FILES.orders,
      'orders.v1.OrderService',
      `127.0.0.1:${system.orders.grpcPort}`,
    );
    payments = paymentsClient(`127.0.0.1:${system.payments.grpcPort}`);
    const suffix = randomUUID().slice(0, 8);
    alice = await login(system.auth.httpPort, `alice-${suffix}`, 'correct horse battery');
    bob = await login(system.auth.httpPort, `bob-${suffix}`, 'correct horse battery');
    ledger = await mongoose.createConnection(system.paymentsDb.url).asPromise();
  });
  after(async () => {
    orders?.close();
    payments?.close();
    await ledger?.close();
    await system?.stop();
  });

  it('RefundPayment with the customer’s own token on their APPROVED order is refused: goods and money stay apart', async () => {
    const { order } = await create(alice);
    assert.equal(order?.status, OrderStatus.ORDER_STATUS_APPROVED);
    const code = await refusal(
      payments.refundPayment({ orderId: order!.id, reason: 'mine' }, alice),
    );
    assert.equal(code, status.PERMISSION_DENIED);
    const { payment } = await payments.getPayment({ orderId: order!.id }, alice);
    assert.equal(payment?.status, PaymentStatus.PAYMENT_STATUS_CAPTURED);
    const { order: after } = await orders.getOrder({ orderId: order!.id }, alice);
    assert.equal(after?.status, OrderStatus.ORDER_STATUS_APPROVED);
  });

  it('ProcessPayment for a made-up order id in the customer’s own name charges nothing (no orphan charge)', async () => {
    const orderId = randomUUID();
    const request = {
      orderId,
      customerId: subjectOf(alice),
      amount: { currencyCode: 'EUR', amountMinor: 100 },
    };
    assert.equal(await refusal(payments.processPayment(request, alice)), status.PERMISSION_DENIED);
    assert.equal(await stored(orderId), null);
  });

  it('RefundPayment on another customer’s order id writes no VOIDED tombstone, and that order is still charged', async () => {
    const { order } = await create(alice);
    const theirs = await refusal(payments.refundPayment({ orderId: order!.id, reason: '' }, bob));
    assert.equal(theirs, status.PERMISSION_DENIED);
    const unborn = randomUUID(); // an id with no payment yet: the tombstone attack
    assert.equal(await refusal(payments.refundPayment({ orderId: unborn, reason: '' }, bob)), 7);
    assert.equal(await stored(unborn), null, 'no tombstone');
    const { payment } = await payments.getPayment({ orderId: order!.id }, alice);
    assert.equal(payment?.status, PaymentStatus.PAYMENT_STATUS_CAPTURED);
  });

  it('the admin’s token alone cannot move money either; only orders’ service identity can', async () => {
    const admin = await login(system.auth.httpPort, ADMIN.username, ADMIN.password);
    const orderId = randomUUID();
    const request = {
      orderId,
      customerId: subjectOf(bob),
      amount: { currencyCode: 'EUR', amountMinor: 100 },
    };
    assert.equal(await refusal(payments.processPayment(request, admin)), status.PERMISSION_DENIED);
    assert.equal(await refusal(payments.refundPayment({ orderId, reason: '' }, admin)), 7);
    assert.equal(await stored(orderId), null);
  });

  it('through orders the customer’s charge and refund go through, recorded as theirs', async () => {
    const { order } = await create(bob);
    assert.equal(order?.status, OrderStatus.ORDER_STATUS_APPROVED);
    const cancelled = await orders.cancelOrder(
      { orderId: order!.id, reason: 'changed my mind' },
      bob,
    );
    assert.equal(cancelled.order?.status, OrderStatus.ORDER_STATUS_CANCELLED);
    const entry = (await stored(order!.id)) as unknown as {
      status: string;
      history: { by: string }[];
    };
    assert.equal(entry.status, 'REFUNDED');
    assert.deepEqual(
      entry.history.map((change) => change.by),
      [subjectOf(bob), subjectOf(bob)],
      'the ledger names the customer orders acted for',
    );
  });

  it('every saga invariant holds and no app hit an unhandled error', async () => {
    assert.deepEqual(await checkSagaInvariants(system.ordersDb.url, system.paymentsDb.url), []);
    for (const app of [system.auth, system.payments, system.orders]) {
      assert.deepEqual(
        app.output.filter((line) => line.includes('"unhandled error"')),
        [],
        app.name,
      );
    }
  });
});
