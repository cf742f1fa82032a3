import { after, before, describe, it } from 'node:test';
import { chargeCases } from './support/charge-cases.js';
import {
  startPaymentsConsumer,
  type PaymentsConsumer,
} from './support/payments-consumer.harness.js';
import { refundCases } from './support/refund-cases.js';

// Every case drives the real PaymentsGrpcAdapter against the pact's answer and asserts what the
// saga gets out of it; the pact is written only for cases that pass.
describe('orders → payments pact (gRPC as V4 synchronous messages, real PaymentsGrpcAdapter)', () => {
  let consumer: PaymentsConsumer;
  before(async () => (consumer = await startPaymentsConsumer()));
  after(() => consumer.close());

  for (const { title, interaction, exercise } of [...chargeCases, ...refundCases]) {
    it(title, () => consumer.interaction(interaction, () => exercise(consumer)));
  }
});
