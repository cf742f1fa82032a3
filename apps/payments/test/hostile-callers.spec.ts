import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { paymentsV1 } from '#contracts';
import { ON_BEHALF_OF } from '#identity';
import { bearer, testIdentity, type TestIdentity } from '#testing';
import { eur, failure, orderId, startPayments, type PaymentsHarness } from './payments-harness.js';

const { PaymentStatus } = paymentsV1;

// payments moves money only for orders: charges and refunds need orders' service token, the
// customer rides along as a verified on-behalf-of token. These are the calls an outsider (or a
// customer with their own token and grpcurl) makes straight to payments' port.
describe('payments refuses charges and refunds from anyone but orders’ service identity', () => {
  let h: PaymentsHarness;
  let stranger: TestIdentity;
  before(async () => {
    [h, stranger] = await Promise.all([startPayments(), testIdentity()]);
  });
  after(async () => {
    await stranger?.close();
    await h?.close();
  });

  const charge = (id: string, customerId = 'alice', amountMinor = 2_500) => ({
    orderId: id,
    customerId,
    amount: eur(amountMinor),
  });
  const capture = async (id: string, customerId = 'alice') => {
    const { payment } = await h.client.processPayment(
      charge(id, customerId),
      await h.asOrders(customerId),
    );
    assert.equal(payment?.status, PaymentStatus.PAYMENT_STATUS_CAPTURED);
  };

  it('a customer’s own token cannot charge, not even their own account: PERMISSION_DENIED, nothing stored', async () => {
    const id = orderId('made-up');
    const { code, details } = await failure(
      h.client.processPayment(charge(id), await h.as('alice')),
    );
    assert.equal(code, status.PERMISSION_DENIED, details);
    assert.match(details, /^FORBIDDEN: requires role service/);
    assert.deepEqual(await h.stored(id), [], 'no charge without an order behind it');
  });

  it('a customer’s own token cannot refund their captured order: the capture stands', async () => {
    const id = orderId('keep-goods');
    await capture(id);
    const { code } = await failure(
      h.client.refundPayment({ orderId: id, reason: 'money back' }, await h.as('alice')),
    );
    assert.equal(code, status.PERMISSION_DENIED);
    assert.equal((await h.stored(id))[0]?.status, 'CAPTURED');
  });

  it('an admin’s token alone cannot charge or refund either (only orders moves money)', async () => {
    const id = orderId('admin');
    const admin = await h.as('ops', 'admin');
    assert.equal((await failure(h.client.processPayment(charge(id), admin))).code, 7);
    assert.equal(
      (await failure(h.client.refundPayment({ orderId: id, reason: '' }, admin))).code,
      7,
    );
    assert.deepEqual(await h.stored(id), []);
  });

  it('the tombstone attack: a refund of another customer’s order id before its charge writes no VOIDED entry', async () => {
    const id = orderId('alices-next-order');
    const { code } = await failure(
      h.client.refundPayment({ orderId: id, reason: 'grief' }, await h.as('mallory')),
    );
    assert.equal(code, status.PERMISSION_DENIED);
    assert.deepEqual(await h.stored(id), [], 'no tombstone');
    await capture(id); // alice's real charge still goes through
  });

  it('a customer who claims to be orders (sending x-on-behalf-of with their own token) is refused', async () => {
    const id = orderId('claim');
    const metadata = await h.as('mallory');
    metadata.set(ON_BEHALF_OF, await h.identity.token('alice'));
    const { code, details } = await failure(h.client.processPayment(charge(id), metadata));
    assert.equal(code, status.PERMISSION_DENIED, details);
    assert.deepEqual(await h.stored(id), []);
  });

  it('a forged on-behalf-of (signed by a key the JWKS does not hold) is UNAUTHENTICATED', async () => {
    const id = orderId('forged');
    const metadata = bearer(await h.identity.serviceToken());
    metadata.set(ON_BEHALF_OF, await stranger.token('alice'));
    const { code, details } = await failure(h.client.processPayment(charge(id), metadata));
    assert.equal(code, status.UNAUTHENTICATED, details);
    assert.match(details, /^UNAUTHENTICATED: x-on-behalf-of: /);
    const refund = await failure(h.client.refundPayment({ orderId: id, reason: '' }, metadata));
    assert.equal(refund.code, status.UNAUTHENTICATED);
    assert.deepEqual(await h.stored(id), []);
  });

  it('an on-behalf-of customer other than the request’s customer cannot charge that customer', async () => {
    const id = orderId('other-customer');
    const { code, details } = await failure(
      h.client.processPayment(charge(id, 'alice'), await h.asOrders('mallory')),
    );
    assert.equal(code, status.PERMISSION_DENIED, details);
    assert.deepEqual(await h.stored(id), []);
  });

  it('an on-behalf-of customer cannot refund another customer’s capture', async () => {
    const id = orderId('not-yours');
    await capture(id);
    const { code } = await failure(
      h.client.refundPayment({ orderId: id, reason: 'mine now' }, await h.asOrders('mallory')),
    );
    assert.equal(code, status.PERMISSION_DENIED);
    assert.equal((await h.stored(id))[0]?.status, 'CAPTURED');
  });

  it('an on-behalf-of token naming a service, not a person, is refused', async () => {
    const id = orderId('svc-for-svc');
    const metadata = bearer(await h.identity.serviceToken());
    metadata.set(ON_BEHALF_OF, await h.identity.token('billing', 'service'));
    assert.equal((await failure(h.client.processPayment(charge(id), metadata))).code, 7);
    assert.deepEqual(await h.stored(id), []);
  });

  it('orders for a customer charges and refunds, recording the customer as the actor', async () => {
    const id = orderId('for-alice');
    await capture(id);
    const refund = await h.client.refundPayment(
      { orderId: id, reason: 'cancelled' },
      await h.asOrders('alice'),
    );
    assert.equal(refund.payment?.status, PaymentStatus.PAYMENT_STATUS_REFUNDED);
    const [stored] = await h.stored(id);
    assert.deepEqual(
      stored?.history.map((change) => [change.status, change.by]),
      [
        ['CAPTURED', 'alice'],
        ['REFUNDED', 'alice'],
      ],
    );
  });

  it('orders’ service identity alone (a saga resumed without the customer) vouches for the body’s customer', async () => {
    const id = orderId('resumed');
    const { payment } = await h.client.processPayment(charge(id, 'bob'), await h.asOrders());
    assert.equal(payment?.customerId, 'bob');
    const refund = await h.client.refundPayment(
      { orderId: id, reason: 'resumed' },
      await h.asOrders(),
    );
    assert.equal(refund.payment?.status, PaymentStatus.PAYMENT_STATUS_REFUNDED);
    const [stored] = await h.stored(id);
    assert.deepEqual(
      stored?.history.map((change) => change.by),
      ['orders-service', 'orders-service'],
    );
  });

  it('a customer’s token alone still reads that customer’s own payment, and no one else’s', async () => {
    const id = orderId('read');
    await capture(id);
    const own = await h.client.getPayment({ orderId: id }, await h.as('alice'));
    assert.equal(own.payment?.customerId, 'alice');
    const other = await failure(h.client.getPayment({ orderId: id }, await h.as('mallory')));
    assert.equal(other.code, status.NOT_FOUND);
  });

  it('none of these refusals was an unhandled error', () => {
    assert.deepEqual(h.errorLogs(), []);
  });
});
