import { rejected, succeeded, type RemoteStep } from '#saga';
import type { PaymentsPort } from '../../../payments-client/payments.port.js';
import type { CreateOrderPayload } from '../create-order.payload.js';
import { paymentsCall } from './payments-outcome.js';

/** Charges the customer (idempotent by order id); undone by a refund. A decline rejects. */
export function chargeStep(payments: PaymentsPort): RemoteStep<CreateOrderPayload> {
  return {
    name: 'charge',
    async execute({ correlationId: orderId, payload, credentials }) {
      const { customerId, amount } = payload;
      const result = await paymentsCall(() =>
        payments.charge({ orderId, customerId, amount }, credentials),
      );
      return result.status === 'captured'
        ? succeeded()
        : rejected(`payment declined: ${result.reason}`);
    },
    async compensate({ correlationId: orderId, credentials }) {
      await paymentsCall(() => payments.refund(orderId, 'order not confirmed', credentials));
    },
  };
}
