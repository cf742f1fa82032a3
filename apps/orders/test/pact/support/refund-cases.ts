import assert from 'node:assert/strict';
import { PAYMENT_RPCS } from '../../../../../scripts/pact/grpc-rpcs.js';
import { PAYMENT_STATES } from '../../../../../scripts/pact/payments-states.js';
import type { ConsumerCase } from './grpc-interaction.js';
import type { PaymentsConsumer } from './payments-consumer.harness.js';
import {
  CALLER_TOKEN,
  charge,
  chargedBefore,
  DECLINE_REASON,
  forCustomer,
  noPayment,
  ordersAlone,
  paymentResponse,
  PaymentStatus,
  refundRequest,
  startsWithCode,
} from './payments-fixtures.js';

const { refundPayment } = PAYMENT_RPCS;
const REASON = 'order not confirmed';

const refunds = (orderId: string, expected: string) => async (consumer: PaymentsConsumer) =>
  assert.deepEqual(await consumer.payments.refund(orderId, REASON, CALLER_TOKEN), {
    status: expected,
  });

/** RefundPayment, the compensation: each outcome the saga maps to "undone" or "nothing to undo". */
export const refundCases: ConsumerCase<PaymentsConsumer>[] = [
  {
    title: 'a refund of a capture is REFUNDED: the compensation is done',
    interaction: {
      rpc: refundPayment,
      behaviour: 'refunds a captured payment',
      states: [chargedBefore(PAYMENT_STATES.captured, 'order-refunded', 2_500), forCustomer()],
      request: refundRequest('order-refunded', REASON),
      response: paymentResponse(refundPayment, {
        ...charge('order-refunded', 2_500),
        status: PaymentStatus.PAYMENT_STATUS_REFUNDED,
        reason: REASON,
      }),
    },
    exercise: refunds('order-refunded', 'refunded'),
  },
  {
    title:
      'a refund before any charge is VOIDED: nothing was charged, a late charge will be refused',
    interaction: {
      rpc: refundPayment,
      behaviour: 'voids an order never charged',
      states: [noPayment('order-never-charged'), forCustomer()],
      request: refundRequest('order-never-charged', REASON),
      response: paymentResponse(refundPayment, {
        orderId: 'order-never-charged',
        status: PaymentStatus.PAYMENT_STATUS_VOIDED,
        reason: REASON,
      }),
    },
    exercise: refunds('order-never-charged', 'voided'),
  },
  {
    title: 'a refund of a declined payment answers DECLINED: nothing to undo',
    interaction: {
      rpc: refundPayment,
      behaviour: 'leaves a declined payment as it is',
      states: [
        chargedBefore(PAYMENT_STATES.declined, 'order-was-declined', 150_000),
        forCustomer(),
      ],
      request: refundRequest('order-was-declined', REASON),
      response: paymentResponse(
        refundPayment,
        {
          ...charge('order-was-declined', 150_000),
          status: PaymentStatus.PAYMENT_STATUS_DECLINED,
          reason: DECLINE_REASON,
        },
        { 'payment.reason': startsWithCode('AMOUNT_OVER_LIMIT') },
      ),
    },
    exercise: refunds('order-was-declined', 'declined'),
  },
  {
    title: "a resumed saga's compensation (no customer token) refunds on orders' identity alone",
    interaction: {
      rpc: refundPayment,
      behaviour: "refunds a captured payment on orders' service identity alone",
      states: [
        chargedBefore(PAYMENT_STATES.captured, 'order-resumed-refund', 2_500),
        ordersAlone(),
      ],
      request: refundRequest('order-resumed-refund', REASON),
      response: paymentResponse(refundPayment, {
        ...charge('order-resumed-refund', 2_500),
        status: PaymentStatus.PAYMENT_STATUS_REFUNDED,
        reason: REASON,
      }),
    },
    exercise: async (consumer) =>
      assert.deepEqual(await consumer.payments.refund('order-resumed-refund', REASON), {
        status: 'refunded',
      }),
  },
];
