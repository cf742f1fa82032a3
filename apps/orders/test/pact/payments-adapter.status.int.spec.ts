import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GrpcStatusName } from '../../../../scripts/pact/grpc-message.js';
import { PAYMENT_RPCS } from '../../../../scripts/pact/grpc-rpcs.js';
import {
  PaymentFailedError,
  PaymentOutcomeUnknownError,
} from '../../src/payments-client/payments.errors.js';
import { startPaymentsAdapter, type PaymentsAdapter } from './support/payments-consumer.harness.js';
import { CALLER_TOKEN, charge, CUSTOMER, processRequest } from './support/payments-fixtures.js';

// The codes no provider produces on request, so no pact holds them: the adapter must turn them
// into "outcome unknown" (the saga then compensates), unlike the refusals the pact covers.
describe('PaymentsGrpcAdapter: which statuses mean "maybe charged" (not in any pact)', () => {
  let adapter: PaymentsAdapter;
  before(async () => (adapter = await startPaymentsAdapter()));
  after(() => adapter.close());

  const answering = (code: GrpcStatusName) => {
    adapter.replay.expect({
      rpc: PAYMENT_RPCS.processPayment,
      request: processRequest('order-1', 2_500),
      response: { code, message: `${code} from the network` },
      identity: { kind: 'orders-for', customerId: CUSTOMER },
    });
    return adapter.payments.charge(charge('order-1', 2_500), CALLER_TOKEN);
  };

  for (const code of ['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'INTERNAL'] as const) {
    it(`${code} is an unknown outcome`, async () => {
      await assert.rejects(answering(code), PaymentOutcomeUnknownError);
      adapter.replay.verify();
    });
  }

  for (const code of ['FAILED_PRECONDITION', 'UNAUTHENTICATED', 'INVALID_ARGUMENT'] as const) {
    it(`${code} is a sure failure`, async () => {
      await assert.rejects(answering(code), PaymentFailedError);
      adapter.replay.verify();
    });
  }
});
