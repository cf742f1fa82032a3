import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { paymentsV1 } from '#contracts';
import { eur, failure, orderId, startPayments, type PaymentsHarness } from './payments-harness.js';

const { PaymentStatus } = paymentsV1;

describe('ProcessPayment over gRPC against a real MongoDB-wire server', () => {
  let h: PaymentsHarness;
  before(async () => (h = await startPayments()));
  after(() => h.close());

  it('captures 999.99 EUR and stores one entry with its history', async () => {
    const id = orderId('cap');
    const started = Math.floor(Date.now() / 1000);
    const { payment } = await h.client.processPayment(
      { orderId: id, customerId: 'alice', amount: eur(99_999) },
      await h.asOrders('alice'),
    );
    assert.equal(payment?.status, PaymentStatus.PAYMENT_STATUS_CAPTURED);
    assert.deepEqual(payment?.amount, eur(99_999));
    assert.equal(payment?.reason, '');
    assert.deepEqual(
      payment?.history.map((c) => c.status),
      [PaymentStatus.PAYMENT_STATUS_CAPTURED],
    );
    assert.ok(payment!.createdAt!.seconds >= started, 'createdAt is a Timestamp of now');
    const stored = await h.stored(id);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].status, 'CAPTURED');
    assert.equal(stored[0].history[0].by, 'alice');
  });

  it('declines exactly 1000.00 EUR with a reason, and a retry replays the decline', async () => {
    const id = orderId('dec');
    const request = { orderId: id, customerId: 'alice', amount: eur(100_000) };
    const first = await h.client.processPayment(request, await h.asOrders('alice'));
    assert.equal(first.payment?.status, PaymentStatus.PAYMENT_STATUS_DECLINED);
    assert.match(first.payment!.reason, /^AMOUNT_OVER_LIMIT: 1000\.00 EUR/);
    const again = await h.client.processPayment(request, await h.asOrders('alice'));
    assert.deepEqual(again.payment, first.payment);
    assert.equal((await h.stored(id))[0].status, 'DECLINED');
  });

  it('20 concurrent duplicates produce exactly one capture', async () => {
    const id = orderId('dup');
    const capturedBefore = await h.metric('captured');
    const auth = await h.asOrders('alice');
    const request = { orderId: id, customerId: 'alice', amount: eur(4_200) };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => h.client.processPayment(request, auth)),
    );
    for (const { payment } of results) {
      assert.equal(payment?.status, PaymentStatus.PAYMENT_STATUS_CAPTURED);
      assert.deepEqual(payment?.createdAt, results[0].payment?.createdAt, 'one first outcome');
    }
    const stored = await h.stored(id);
    assert.equal(stored.length, 1, 'one ledger entry');
    assert.deepEqual(
      stored[0].history.map((c) => c.status),
      ['CAPTURED'],
      'one capture in the history',
    );
    assert.equal(await h.metric('captured'), capturedBefore + 1, 'counted once');
  });

  it('refuses the same order id with another amount, currency or customer', async () => {
    const id = orderId('mis');
    const admin = await h.asOrders('ops', 'admin');
    await h.client.processPayment({ orderId: id, customerId: 'alice', amount: eur(500) }, admin);
    const variants = [
      { orderId: id, customerId: 'alice', amount: eur(501) },
      { orderId: id, customerId: 'alice', amount: { currencyCode: 'USD', amountMinor: 500 } },
      { orderId: id, customerId: 'bob', amount: eur(500) },
    ];
    for (const request of variants) {
      const { code, details } = await failure(h.client.processPayment(request, admin));
      assert.equal(code, status.FAILED_PRECONDITION);
      assert.match(details, /^PAYMENT_MISMATCH: /);
    }
    const stored = await h.stored(id);
    assert.deepEqual(stored[0].amount, eur(500), 'the first charge is untouched');
    assert.equal(stored[0].history.length, 1);
  });

  it("refuses orders charging another customer's account on a customer's behalf", async () => {
    const id = orderId('own');
    const request = { orderId: id, customerId: 'bob', amount: eur(100) };
    const { code, details } = await failure(
      h.client.processPayment(request, await h.asOrders('alice')),
    );
    assert.equal(code, status.PERMISSION_DENIED);
    assert.match(details, /^FORBIDDEN: /);
    assert.equal((await h.stored(id)).length, 0);
  });

  it('GetPayment returns the entry to its owner and NOT_FOUND to others or for no entry', async () => {
    const id = orderId('get');
    const request = { orderId: id, customerId: 'alice', amount: eur(700) };
    const { payment } = await h.client.processPayment(request, await h.asOrders('alice'));
    const read = await h.client.getPayment({ orderId: id }, await h.as('alice'));
    assert.deepEqual(read.payment, payment);
    const byAdmin = await h.client.getPayment({ orderId: id }, await h.as('ops', 'admin'));
    assert.equal(byAdmin.payment?.orderId, id);
    const other = await failure(h.client.getPayment({ orderId: id }, await h.as('bob')));
    assert.equal(other.code, status.NOT_FOUND);
    const none = await failure(
      h.client.getPayment({ orderId: orderId('none') }, await h.as('alice')),
    );
    assert.equal(none.code, status.NOT_FOUND);
    assert.match(none.details, /^PAYMENT_NOT_FOUND: /);
  });

  it('no call above ended in an unhandled error', () => {
    assert.deepEqual(h.errorLogs(), []);
  });
});

describe('the decline limit is configuration', () => {
  let h: PaymentsHarness;
  before(async () => (h = await startPayments({ PAYMENT_DECLINE_LIMIT_MINOR: '5000' })));
  after(() => h.close());

  it('with PAYMENT_DECLINE_LIMIT_MINOR=5000, 49.99 is captured and 50.00 declined', async () => {
    const auth = await h.asOrders('alice');
    const under = await h.client.processPayment(
      { orderId: orderId('lim'), customerId: 'alice', amount: eur(4_999) },
      auth,
    );
    const at = await h.client.processPayment(
      { orderId: orderId('lim'), customerId: 'alice', amount: eur(5_000) },
      auth,
    );
    assert.equal(under.payment?.status, PaymentStatus.PAYMENT_STATUS_CAPTURED);
    assert.equal(at.payment?.status, PaymentStatus.PAYMENT_STATUS_DECLINED);
    assert.equal(await h.metric('declined'), 1);
  });
});
