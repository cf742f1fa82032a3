import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { paymentsV1 } from '#contracts';
import { eur, failure, orderId, startPayments, type PaymentsHarness } from './payments-harness.js';

const { PaymentStatus } = paymentsV1;

describe('RefundPayment over gRPC against a real MongoDB-wire server', () => {
  let h: PaymentsHarness;
  before(async () => (h = await startPayments()));
  after(() => h.close());

  const charge = async (id: string, amountMinor = 2_500) =>
    h.client.processPayment(
      { orderId: id, customerId: 'alice', amount: eur(amountMinor) },
      await h.asOrders('alice'),
    );

  it('refunds a capture once; repeated and concurrent refunds return that same result', async () => {
    const id = orderId('ref');
    await charge(id);
    const refundedBefore = await h.metric('refunded');
    const auth = await h.asOrders('alice');
    const first = await h.client.refundPayment({ orderId: id, reason: 'confirm failed' }, auth);
    assert.equal(first.payment?.status, PaymentStatus.PAYMENT_STATUS_REFUNDED);
    assert.equal(first.payment?.reason, 'confirm failed');
    const repeats = await Promise.all(
      Array.from({ length: 10 }, () =>
        h.client.refundPayment({ orderId: id, reason: 'retry' }, auth),
      ),
    );
    for (const again of repeats) assert.deepEqual(again.payment, first.payment);
    const [stored] = await h.stored(id);
    assert.deepEqual(
      stored.history.map((c) => c.status),
      ['CAPTURED', 'REFUNDED'],
    );
    assert.equal(await h.metric('refunded'), refundedBefore + 1);
  });

  it('10 concurrent first refunds of one capture refund it exactly once', async () => {
    const id = orderId('refc');
    await charge(id);
    const refundedBefore = await h.metric('refunded');
    const auth = await h.asOrders('ops', 'admin');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.client.refundPayment({ orderId: id, reason: `attempt ${i}` }, auth),
      ),
    );
    const reasons = new Set(results.map((r) => r.payment?.reason));
    assert.equal(reasons.size, 1, 'every caller sees the one winning refund');
    const [stored] = await h.stored(id);
    assert.equal(stored.reason, [...reasons][0], 'and it is the stored one');
    assert.equal(stored.history.filter((c) => c.status === 'REFUNDED').length, 1);
    assert.equal(await h.metric('refunded'), refundedBefore + 1, 'counted once');
  });

  it('a refund before the charge leaves a VOIDED tombstone and the later charge is refused', async () => {
    const id = orderId('void');
    const voidedBefore = await h.metric('voided');
    const refund = await h.client.refundPayment(
      { orderId: id, reason: 'charge outcome unknown' },
      await h.asOrders('alice'),
    );
    assert.equal(refund.payment?.status, PaymentStatus.PAYMENT_STATUS_VOIDED);
    assert.equal(await h.metric('voided'), voidedBefore + 1);
    for (let attempt = 0; attempt < 2; attempt++) {
      const { code, details } = await failure(charge(id));
      assert.equal(code, status.FAILED_PRECONDITION);
      assert.match(details, /^PAYMENT_VOIDED: /);
    }
    const stored = await h.stored(id);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].status, 'VOIDED');
    assert.deepEqual(
      stored[0].history.map((c) => c.status),
      ['VOIDED'],
      'never captured',
    );
    const again = await h.client.refundPayment(
      { orderId: id, reason: '' },
      await h.asOrders('alice'),
    );
    assert.deepEqual(again.payment, refund.payment, 'a repeated refund returns the tombstone');
  });

  it('a charge and a refund racing for the same orders never leave a net charge', async () => {
    const ids = Array.from({ length: 10 }, () => orderId('race'));
    const auth = await h.asOrders('alice');
    await Promise.allSettled(
      ids.flatMap((id, i) => {
        const pair = [
          h.client.processPayment({ orderId: id, customerId: 'alice', amount: eur(900) }, auth),
          h.client.refundPayment({ orderId: id, reason: 'compensate' }, auth),
        ];
        return i % 2 ? pair : pair.reverse(); // half the refunds are sent first
      }),
    );
    for (const id of ids) {
      const stored = await h.stored(id);
      assert.equal(stored.length, 1, id);
      assert.ok(['VOIDED', 'REFUNDED'].includes(stored[0].status), `${id}: ${stored[0].status}`);
    }
  });

  it('refunding a declined payment returns it unchanged', async () => {
    const id = orderId('decl');
    const { payment } = await charge(id, 150_000);
    assert.equal(payment?.status, PaymentStatus.PAYMENT_STATUS_DECLINED);
    const refund = await h.client.refundPayment(
      { orderId: id, reason: 'x' },
      await h.asOrders('alice'),
    );
    assert.deepEqual(refund.payment, payment);
  });

  it('a charge retried after its refund is refused, not charged again', async () => {
    const id = orderId('again');
    await charge(id);
    await h.client.refundPayment({ orderId: id, reason: 'cancelled' }, await h.asOrders('alice'));
    const { code, details } = await failure(charge(id));
    assert.equal(code, status.FAILED_PRECONDITION);
    assert.match(details, /^PAYMENT_REFUNDED: /);
    const [stored] = await h.stored(id);
    assert.equal(stored.history.filter((c) => c.status === 'CAPTURED').length, 1);
  });

  it("refuses orders refunding another customer's payment on a customer's behalf", async () => {
    const id = orderId('steal');
    await charge(id);
    const refund = h.client.refundPayment(
      { orderId: id, reason: 'mine now' },
      await h.asOrders('bob'),
    );
    const { code } = await failure(refund);
    assert.equal(code, status.PERMISSION_DENIED);
    assert.equal((await h.stored(id))[0].status, 'CAPTURED');
  });

  it('no race above ended in an unhandled error', () => {
    assert.deepEqual(h.errorLogs(), []);
  });
});
