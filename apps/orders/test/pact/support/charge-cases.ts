import assert from 'node:assert/strict';
import { PAYMENT_RPCS } from '../../../../../scripts/pact/grpc-rpcs.js';
import { PAYMENT_STATES } from '../../../../../scripts/pact/payments-states.js';
import type { ConsumerCase } from './grpc-interaction.js';
import type { PaymentsConsumer } from './payments-consumer.harness.js';
import {
  anyText,
  CALLER_TOKEN,
  charge,
  chargedBefore,
  DECLINE_REASON,
  failedWith,
  forCustomer,
  noPayment,
  ordersAlone,
  paymentResponse,
  PaymentStatus,
  processRequest,
  startsWithCode,
  statusResponse,
  voidedBefore,
} from './payments-fixtures.js';

const { processPayment } = PAYMENT_RPCS;
const { PAYMENT_STATUS_CAPTURED: CAPTURED, PAYMENT_STATUS_DECLINED: DECLINED } = PaymentStatus;

const charged = (consumer: PaymentsConsumer, orderId: string, amountMinor: number) =>
  consumer.payments.charge(charge(orderId, amountMinor), CALLER_TOKEN);
const captured = (orderId: string) =>
  paymentResponse(processPayment, { ...charge(orderId, 2_500), status: CAPTURED });
const capturesFor = (orderId: string) => async (consumer: PaymentsConsumer) =>
  assert.deepEqual(await charged(consumer, orderId, 2_500), { status: 'captured' });
const refusedWith =
  (orderId: string, amountMinor: number, pattern: RegExp) => (consumer: PaymentsConsumer) =>
    assert.rejects(charged(consumer, orderId, amountMinor), failedWith(pattern));

/** ProcessPayment, the charge step: every outcome and status code the saga branches on. */
export const chargeCases: ConsumerCase<PaymentsConsumer>[] = [
  {
    title: 'a capture under the decline limit lets the charge step succeed',
    interaction: {
      rpc: processPayment,
      behaviour: 'captures an amount under the decline limit',
      states: [noPayment('order-captured'), forCustomer()],
      request: processRequest('order-captured', 2_500),
      response: captured('order-captured'),
    },
    exercise: capturesFor('order-captured'),
  },
  {
    title: 'a decline hands its reason to the saga, which rejects the order with it',
    interaction: {
      rpc: processPayment,
      behaviour: 'declines an amount at or over the decline limit, with a coded reason',
      states: [noPayment('order-declined'), forCustomer()],
      request: processRequest('order-declined', 150_000),
      response: paymentResponse(
        processPayment,
        { ...charge('order-declined', 150_000), status: DECLINED, reason: DECLINE_REASON },
        { 'payment.reason': startsWithCode('AMOUNT_OVER_LIMIT') },
      ),
    },
    exercise: async (consumer) =>
      assert.deepEqual(await charged(consumer, 'order-declined', 150_000), {
        status: 'declined',
        reason: DECLINE_REASON,
      }),
  },
  {
    title: 'a retried charge gets the first capture back, so the saga can retry safely',
    interaction: {
      rpc: processPayment,
      behaviour: 'returns the first capture when the same charge is retried',
      states: [chargedBefore(PAYMENT_STATES.captured, 'order-retried', 2_500), forCustomer()],
      request: processRequest('order-retried', 2_500),
      response: captured('order-retried'),
    },
    exercise: capturesFor('order-retried'),
  },
  {
    title: 'a charge after an early refund is refused (VOIDED): the saga sees a sure failure',
    interaction: {
      rpc: processPayment,
      behaviour: 'refuses an order voided by an early refund with FAILED_PRECONDITION',
      states: [voidedBefore('order-voided'), forCustomer()],
      request: processRequest('order-voided', 2_500),
      response: statusResponse(
        'FAILED_PRECONDITION',
        'PAYMENT_VOIDED: order order-voided was voided by a refund before it was charged',
        startsWithCode('PAYMENT_VOIDED'),
      ),
    },
    exercise: refusedWith('order-voided', 2_500, /PAYMENT_VOIDED: /),
  },
  {
    title: 'reusing a charged order id with another amount is refused, not charged twice',
    interaction: {
      rpc: processPayment,
      behaviour: 'refuses an order id charged before with another amount with FAILED_PRECONDITION',
      states: [chargedBefore(PAYMENT_STATES.captured, 'order-reused', 2_500), forCustomer()],
      request: processRequest('order-reused', 4_000),
      response: statusResponse(
        'FAILED_PRECONDITION',
        'PAYMENT_MISMATCH: order order-reused was already charged with a different amount',
        startsWithCode('PAYMENT_MISMATCH'),
      ),
    },
    exercise: refusedWith('order-reused', 4_000, /PAYMENT_MISMATCH: /),
  },
  {
    title: 'a call without a token is UNAUTHENTICATED: a sure failure, not an unknown outcome',
    interaction: {
      rpc: processPayment,
      behaviour: 'rejects a call without an access token with UNAUTHENTICATED',
      states: [noPayment('order-anonymous'), { name: PAYMENT_STATES.anonymous }],
      request: processRequest('order-anonymous', 2_500),
      response: statusResponse('UNAUTHENTICATED', 'UNAUTHENTICATED: missing bearer token', anyText),
    },
    // No service account configured and no customer token: the adapter sends no token.
    exercise: (consumer) =>
      assert.rejects(
        consumer.withoutServiceAccount.charge(charge('order-anonymous', 2_500)),
        failedWith(/UNAUTHENTICATED/),
      ),
  },
  {
    title: "a resumed saga's charge (no customer token) captures on orders' service identity alone",
    interaction: {
      rpc: processPayment,
      behaviour: "captures for the request's customer on orders' service identity alone",
      states: [noPayment('order-resumed'), ordersAlone()],
      request: processRequest('order-resumed', 2_500),
      response: captured('order-resumed'),
    },
    exercise: async (consumer) =>
      assert.deepEqual(await consumer.payments.charge(charge('order-resumed', 2_500)), {
        status: 'captured',
      }),
  },
  {
    title: 'an invalid amount is INVALID_ARGUMENT: a sure failure, not an unknown outcome',
    interaction: {
      rpc: processPayment,
      behaviour: 'rejects a charge of zero with INVALID_ARGUMENT',
      states: [noPayment('order-zero'), forCustomer()],
      request: processRequest('order-zero', 0),
      response: statusResponse(
        'INVALID_ARGUMENT',
        'INVALID_ARGUMENT: amount.amountMinor: must be greater than 0',
        anyText,
      ),
    },
    exercise: refusedWith('order-zero', 0, /INVALID_ARGUMENT/),
  },
];
