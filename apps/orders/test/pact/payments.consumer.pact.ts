import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PAYMENT_RPCS } from '../../../../scripts/pact/grpc-rpcs.js';
import { PAYMENT_STATES } from '../../../../scripts/pact/payments-states.js';
import {
  startPaymentsConsumer,
  type PaymentsConsumer,
} from './support/payments-consumer.harness.js';
import {
  anyText,
  CALLER_TOKEN,
  charge,
  chargedBefore,
  DECLINE_REASON,
  failedWith,
  noPayment,
  paymentResponse,
  PaymentStatus,
  processRequest,
  startsWithCode,
  statusResponse,
  voidedBefore,
} from './support/payments-fixtures.js';
import { refundCases } from './support/refund-cases.js';

const { processPayment } = PAYMENT_RPCS;
const { PAYMENT_STATUS_CAPTURED: CAPTURED, PAYMENT_STATUS_DECLINED: DECLINED } = PaymentStatus;

// Every case drives the real PaymentsGrpcAdapter and asserts what the saga gets out of it.
describe('orders → payments pact (gRPC as V4 synchronous messages, real PaymentsGrpcAdapter)', () => {
  let consumer: PaymentsConsumer;
  before(async () => (consumer = await startPaymentsConsumer()));
  after(() => consumer.close());
  const charged = (
    orderId: string,
    amountMinor: number,
    token: string | undefined = CALLER_TOKEN,
  ) => consumer.payments.charge(charge(orderId, amountMinor), token);
  const captured = (orderId: string) =>
    paymentResponse(processPayment, { ...charge(orderId, 2_500), status: CAPTURED });

  it('a capture under the decline limit lets the charge step succeed', () =>
    consumer.interaction(
      {
        rpc: processPayment,
        behaviour: 'captures an amount under the decline limit',
        states: [noPayment('order-captured')],
        request: processRequest('order-captured', 2_500),
        response: captured('order-captured'),
      },
      async () => assert.deepEqual(await charged('order-captured', 2_500), { status: 'captured' }),
    ));

  it('a decline hands its reason to the saga, which rejects the order with it', () =>
    consumer.interaction(
      {
        rpc: processPayment,
        behaviour: 'declines an amount at or over the decline limit, with a coded reason',
        states: [noPayment('order-declined')],
        request: processRequest('order-declined', 150_000),
        response: paymentResponse(
          processPayment,
          { ...charge('order-declined', 150_000), status: DECLINED, reason: DECLINE_REASON },
          { 'payment.reason': startsWithCode('AMOUNT_OVER_LIMIT') },
        ),
      },
      async () =>
        assert.deepEqual(await charged('order-declined', 150_000), {
          status: 'declined',
          reason: DECLINE_REASON,
        }),
    ));

  it('a retried charge gets the first capture back, so the saga can retry safely', () =>
    consumer.interaction(
      {
        rpc: processPayment,
        behaviour: 'returns the first capture when the same charge is retried',
        states: [chargedBefore(PAYMENT_STATES.captured, 'order-retried', 2_500)],
        request: processRequest('order-retried', 2_500),
        response: captured('order-retried'),
      },
      async () => assert.deepEqual(await charged('order-retried', 2_500), { status: 'captured' }),
    ));

  it('a charge after an early refund is refused (VOIDED): the saga sees a sure failure', () =>
    consumer.interaction(
      {
        rpc: processPayment,
        behaviour: 'refuses an order voided by an early refund with FAILED_PRECONDITION',
        states: [voidedBefore('order-voided')],
        request: processRequest('order-voided', 2_500),
        response: statusResponse(
          'FAILED_PRECONDITION',
          'PAYMENT_VOIDED: order order-voided was voided by a refund before it was charged',
          startsWithCode('PAYMENT_VOIDED'),
        ),
      },
      () => assert.rejects(charged('order-voided', 2_500), failedWith(/PAYMENT_VOIDED: /)),
    ));

  it('reusing a charged order id with another amount is refused, not charged twice', () =>
    consumer.interaction(
      {
        rpc: processPayment,
        behaviour:
          'refuses an order id charged before with another amount with FAILED_PRECONDITION',
        states: [chargedBefore(PAYMENT_STATES.captured, 'order-reused', 2_500)],
        request: processRequest('order-reused', 4_000),
        response: statusResponse(
          'FAILED_PRECONDITION',
          'PAYMENT_MISMATCH: order order-reused was already charged with a different amount',
          startsWithCode('PAYMENT_MISMATCH'),
        ),
      },
      () => assert.rejects(charged('order-reused', 4_000), failedWith(/PAYMENT_MISMATCH: /)),
    ));

  it('a call without a token is UNAUTHENTICATED: a sure failure, not an unknown outcome', () =>
    consumer.interaction(
      {
        rpc: processPayment,
        behaviour: 'rejects a call without an access token with UNAUTHENTICATED',
        states: [noPayment('order-anonymous'), { name: PAYMENT_STATES.anonymous }],
        request: processRequest('order-anonymous', 2_500),
        response: statusResponse(
          'UNAUTHENTICATED',
          'UNAUTHENTICATED: missing bearer token',
          anyText,
        ),
        bearer: false,
      },
      // No caller token and no service account configured: the adapter sends none.
      () =>
        assert.rejects(
          consumer.payments.charge(charge('order-anonymous', 2_500)),
          failedWith(/UNAUTHENTICATED/),
        ),
    ));

  it('an invalid amount is INVALID_ARGUMENT: a sure failure, not an unknown outcome', () =>
    consumer.interaction(
      {
        rpc: processPayment,
        behaviour: 'rejects a charge of zero with INVALID_ARGUMENT',
        states: [noPayment('order-zero')],
        request: processRequest('order-zero', 0),
        response: statusResponse(
          'INVALID_ARGUMENT',
          'INVALID_ARGUMENT: amount.amountMinor: must be greater than 0',
          anyText,
        ),
      },
      () => assert.rejects(charged('order-zero', 0), failedWith(/INVALID_ARGUMENT/)),
    ));

  for (const refund of refundCases) {
    it(refund.title, () =>
      consumer.interaction(refund.interaction, () => refund.exercise(consumer)),
    );
  }
});
