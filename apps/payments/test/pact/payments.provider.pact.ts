import { after, before, describe, it } from 'node:test';
import { Verifier } from '@pact-foundation/pact';
import { paymentsV1 } from '#contracts';
import { messageProvidersFor } from '../../../../scripts/pact/message-providers.js';
import { PACTICIPANTS } from '../../../../scripts/pact/pact-files.js';
import { pactSource } from '../../../../scripts/pact/pact-source.js';
import { verifyPacts } from '../../../../scripts/pact/verify.js';
import { startPaymentsProvider, type PaymentsProvider } from './payments-provider.harness.js';

const SERVICE = `${paymentsV1.protobufPackage}.${paymentsV1.PAYMENT_SERVICE_NAME}`;

describe('payments honours its pact with orders (real process, real MongoDB-wire server)', () => {
  let provider: PaymentsProvider;
  before(async () => (provider = await startPaymentsProvider()));
  after(() => provider.close());

  it('every interaction of the orders → payments pact verifies against the running service', async () => {
    const verifier = new Verifier({
      provider: PACTICIPANTS.payments,
      ...pactSource(PACTICIPANTS.orders, PACTICIPANTS.payments),
      stateHandlers: provider.stateHandlers,
      messageProviders: messageProvidersFor(SERVICE, provider.answer),
      logLevel: 'warn',
    });
    await verifyPacts(verifier);
  });
});
