import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { after, before, describe, it } from 'node:test';
import { FAULT_MARKERS, ordersV1, paymentsV1, PROTO_FILES } from '#contracts';
import {
  checkSagaInvariants,
  grpcClient,
  login,
  startTestSystem,
  type PromiseClient,
  type TestSystem,
} from '#testing';

const { OrderStatus } = ordersV1;
const { PaymentStatus } = paymentsV1;
type Orders = PromiseClient<ordersV1.OrderServiceClient>;
type Payments = PromiseClient<paymentsV1.PaymentServiceClient>;

describe('order saga end to end: auth, payments and orders as processes on real stores', () => {
  let system: TestSystem;
  let orders: Orders;
  let payments: Payments;
  let token: string;

  const connectOrders = () =>
    grpcClient<ordersV1.OrderServiceClient>(
      PROTO_FILES.orders,
      'orders.v1.OrderService',
      `127.0.0.1:${system.orders.grpcPort}`,
    );
  const create = (amountMinor: number, description = '', key: string = randomUUID()) =>
    orders.createOrder(
      { idempotencyKey: key, amount: { currencyCode: 'EUR', amountMinor }, description },
      token,
    );
  const paymentOf = async (orderId: string) =>
    (await payments.getPayment({ orderId }, token)).payment;

  before(async () => {
    system = await startTestSystem({
      SAGA_FAULTS_ENABLED: 'true',
      SAGA_LEASE_MS: '1500',
      SAGA_RECOVERY_INTERVAL_MS: '300',
    });
    orders = connectOrders();
    payments = grpcClient(
      PROTO_FILES.payments,
      'payments.v1.PaymentService',
      `127.0.0.1:${system.payments.grpcPort}`,
    );
    token = await login(
      system.auth.httpPort,
      `alice-${randomUUID().slice(0, 8)}`,
      'correct horse battery',
    );
  });
  after(async () => {
    orders?.close();
    payments?.close();
    await system?.stop();
  });

  it('approves an order under 1000.00 and captures its payment', async () => {
    const { order } = await create(99_999);
    assert.equal(order?.status, OrderStatus.ORDER_STATUS_APPROVED);
    const payment = await paymentOf(order!.id);
    assert.equal(payment?.status, PaymentStatus.PAYMENT_STATUS_CAPTURED);
    assert.equal(payment?.amount?.amountMinor, 99_999);
  });

  it('rejects an order of 1000.00 or more: the payment is declined', async () => {
    const { order } = await create(100_000);
    assert.equal(order?.status, OrderStatus.ORDER_STATUS_REJECTED);
    assert.equal((await paymentOf(order!.id))?.status, PaymentStatus.PAYMENT_STATUS_DECLINED);
  });

  it('compensates when confirm fails (test fault switch): order CANCELLED, payment REFUNDED', async () => {
    const { order } = await create(2_500, `gift ${FAULT_MARKERS.failConfirm}`);
    assert.equal(order?.status, OrderStatus.ORDER_STATUS_CANCELLED);
    assert.equal((await paymentOf(order!.id))?.status, PaymentStatus.PAYMENT_STATUS_REFUNDED);
    const { sagas } = await orders.getOrderSaga({ orderId: order!.id }, token);
    const steps = sagas[0]!.steps.map((s) => `${s.step}:${s.action}:${s.outcome}`);
    assert.deepEqual(steps, [
      'charge:execute:succeeded',
      'fraud-check:execute:succeeded',
      'confirm:execute:failed',
      'fraud-check:compensate:succeeded',
      'charge:compensate:succeeded',
    ]);
  });

  it('retries with the same idempotency key create one order and one charge; another body is refused', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => create(1_000, 'same', key)));
    const ids = new Set(results.map((r) => r.order!.id));
    assert.equal(ids.size, 1);
    assert.equal((await paymentOf([...ids][0]!))?.status, PaymentStatus.PAYMENT_STATUS_CAPTURED);
    await assert.rejects(
      create(1_001, 'same', key),
      (error: { code?: number }) => error.code === status.ALREADY_EXISTS,
    );
  });

  it('cancels an approved order through the refund saga, keeping the customer’s reason', async () => {
    const { order } = await create(4_200);
    const cancelled = await orders.cancelOrder(
      { orderId: order!.id, reason: 'changed my mind' },
      token,
    );
    assert.equal(cancelled.order?.status, OrderStatus.ORDER_STATUS_CANCELLED);
    assert.equal(cancelled.order?.statusReason, 'changed my mind');
    const payment = await paymentOf(order!.id);
    assert.equal(payment?.status, PaymentStatus.PAYMENT_STATUS_REFUNDED);
    assert.equal(payment?.reason, 'changed my mind', 'the refund carries it too');
    // Without a reason, the order says it was cancelled on request.
    const { order: other } = await create(4_300);
    const plain = await orders.cancelOrder({ orderId: other!.id, reason: '' }, token);
    assert.equal(plain.order?.statusReason, 'cancelled on request');
  });

  it('refuses calls without a valid token', async () => {
    await assert.rejects(
      orders.getOrder({ orderId: randomUUID() }, 'not-a-jwt'),
      (error: { code?: number }) => error.code === status.UNAUTHENTICATED,
    );
  });

  it('after SIGKILL of orders mid-saga and a restart, every order ends terminal with the invariants true', async () => {
    const inFlight = Array.from({ length: 6 }, (_, i) =>
      create(1_000 + i, `slow ${FAULT_MARKERS.slowConfirm}`).catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 800)); // charged, confirm under way
    await system.orders.stop('SIGKILL');
    await Promise.all(inFlight);
    orders.close();
    await system.restartOrders();
    orders = connectOrders();
    const deadline = Date.now() + 30_000;
    let violations = await checkSagaInvariants(system.ordersDb.url, system.paymentsDb.url);
    while (violations.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      violations = await checkSagaInvariants(system.ordersDb.url, system.paymentsDb.url);
    }
    assert.deepEqual(violations, []);
    const { orders: listed } = await orders.listOrders({ pageSize: 100, pageToken: '' }, token);
    const slow = listed.filter((o) => o.description === `slow ${FAULT_MARKERS.slowConfirm}`);
    assert.ok(slow.length > 0, 'the killed sagas were persisted before the crash');
    assert.ok(
      slow.every((o) => o.status === OrderStatus.ORDER_STATUS_APPROVED),
      'recovered sagas completed',
    );
  });
});
