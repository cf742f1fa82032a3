import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Metadata, status } from '@grpc/grpc-js';
import { ON_BEHALF_OF } from '#identity';
import { grpcHealthStatus } from '#testing';
import { eur, failure, orderId, startPayments, type PaymentsHarness } from './payments-harness.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** [name, call, the field and message the refusal must name] */
type BadCall = [string, (h: PaymentsHarness, auth: Metadata) => Promise<unknown>, RegExp];

const charge = (overrides: object) => (h: PaymentsHarness, auth: Metadata) =>
  h.client.processPayment(
    { orderId: orderId('bad'), customerId: 'alice', amount: eur(100), ...overrides },
    auth,
  );

const BAD_CALLS: BadCall[] = [
  ['missing order_id', charge({ orderId: '' }), /orderId: is required/],
  ['missing customer_id', charge({ customerId: '' }), /customerId: is required/],
  ['missing amount', charge({ amount: undefined }), /amount: is required/],
  ['zero amount', charge({ amount: eur(0) }), /amount\.amountMinor: must be greater than 0/],
  ['negative amount', charge({ amount: eur(-500) }), /amount\.amountMinor: must be greater/],
  ['amount over 10^12', charge({ amount: eur(1e12 + 1) }), /amount\.amountMinor: must be at most/],
  ['huge amount', charge({ amount: eur(MAX_SAFE) }), /amount\.amountMinor: /],
  [
    'unknown currency',
    charge({ amount: { currencyCode: 'XXX', amountMinor: 100 } }),
    /amount\.currencyCode: must be an upper-case ISO 4217 code/,
  ],
  [
    'lower-case currency',
    charge({ amount: { currencyCode: 'eur', amountMinor: 100 } }),
    /amount\.currencyCode: /,
  ],
  [
    'missing currency',
    charge({ amount: { currencyCode: '', amountMinor: 100 } }),
    /amount\.currencyCode: /,
  ],
  ['order_id of 65 chars', charge({ orderId: 'o'.repeat(65) }), /orderId: must be at most 64/],
  ['customer_id of 1000 chars', charge({ customerId: 'c'.repeat(1000) }), /customerId: must be/],
  ['order_id with a newline', charge({ orderId: 'o-1\nx' }), /orderId: must be printable/],
  ['order_id with a space', charge({ orderId: 'o 1' }), /orderId: must be printable/],
  [
    'refund without order_id',
    (h, auth) => h.client.refundPayment({ orderId: '', reason: 'x' }, auth),
    /orderId: is required/,
  ],
  [
    'refund reason of 501 chars',
    (h, auth) => h.client.refundPayment({ orderId: orderId('bad'), reason: 'r'.repeat(501) }, auth),
    /reason: must be at most 500/,
  ],
  [
    'refund reason with control characters',
    (h, auth) => h.client.refundPayment({ orderId: orderId('bad'), reason: 'a\u0000b' }, auth),
    /reason: must not contain control characters/,
  ],
  [
    'get without order_id',
    (h, auth) => h.client.getPayment({ orderId: '' }, auth),
    /orderId: is required/,
  ],
  [
    'get with an over-long order_id',
    (h, auth) => h.client.getPayment({ orderId: 'x'.repeat(200) }, auth),
    /orderId: must be at most 64/,
  ],
];

describe('payments refuses bad input and bad callers, and keeps serving', () => {
  let h: PaymentsHarness;
  before(async () => (h = await startPayments()));
  after(() => h.close());

  async function assertStillServing(): Promise<void> {
    assert.equal(h.app.child.exitCode, null, 'the process is alive');
    const { payment } = await h.client.processPayment(
      { orderId: orderId('ok'), customerId: 'alice', amount: eur(100) },
      await h.asOrders('alice'),
    );
    assert.equal(payment?.customerId, 'alice', 'a valid call still succeeds');
    assert.equal(await grpcHealthStatus(h.app.grpcPort!, 'payments.v1.PaymentService'), 'SERVING');
  }

  for (const [name, call, expected] of BAD_CALLS) {
    it(`${name} → INVALID_ARGUMENT naming the field, and the service still answers`, async () => {
      const stored = await h.countStored();
      const { code, details } = await failure(call(h, await h.asOrders('alice')));
      assert.equal(code, status.INVALID_ARGUMENT, details);
      assert.match(details, /^INVALID_ARGUMENT: /);
      assert.match(details, expected);
      assert.equal(await h.countStored(), stored, 'nothing was written');
      await assertStillServing();
    });
  }

  const metadata = (authorization?: string) => {
    const m = new Metadata();
    if (authorization !== undefined) m.set('authorization', authorization);
    return m;
  };
  const BAD_CALLERS: [string, () => Promise<Metadata>][] = [
    ['no token', async () => metadata()],
    ['a malformed token', async () => metadata('Bearer not.a.jwt')],
    ['a non-bearer scheme', async () => metadata('Basic YWxpY2U6c2VjcmV0')],
    ['an expired token', async () => metadata(`Bearer ${await expired(h)}`)],
    [
      "orders' token with an expired on-behalf-of token",
      async () => {
        const m = metadata(`Bearer ${await h.identity.serviceToken()}`);
        m.set(ON_BEHALF_OF, await expired(h));
        return m;
      },
    ],
  ];

  for (const [name, auth] of BAD_CALLERS) {
    it(`${name} → UNAUTHENTICATED on every method, and the service still answers`, async () => {
      const id = orderId('anon');
      const calls = [
        async () =>
          h.client.processPayment(
            { orderId: id, customerId: 'alice', amount: eur(1) },
            await auth(),
          ),
        async () => h.client.refundPayment({ orderId: id, reason: '' }, await auth()),
        async () => h.client.getPayment({ orderId: id }, await auth()),
      ];
      for (const call of calls) {
        const { code, details } = await failure(call());
        assert.equal(code, status.UNAUTHENTICATED, details);
        assert.match(details, /^UNAUTHENTICATED: /);
      }
      assert.equal((await h.stored(id)).length, 0, 'no payment and no tombstone');
      await assertStillServing();
    });
  }

  it('none of these refusals was an unhandled error (no INTERNAL, nothing logged at error level)', () => {
    assert.deepEqual(h.errorLogs(), []);
  });
});

function expired(h: PaymentsHarness): Promise<string> {
  return h.identity.token('alice', 'customer', Math.floor(Date.now() / 1000) - 60);
}
