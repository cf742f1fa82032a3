import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Verifier } from '@pact-foundation/pact';
import { paymentsV1 } from '#contracts';
import { brokenCopyOf, type DeliberateBreak } from '../../../../scripts/pact/broken-build.js';
import { failedInteractions } from '../../../../scripts/pact/failed-interactions.js';
import { messageProvidersFor } from '../../../../scripts/pact/message-providers.js';
import { PACTICIPANTS, requirePactFile } from '../../../../scripts/pact/pact-files.js';
import {
  expectedBody,
  readPact,
  renameField,
  setField,
  writePactCopy,
} from '../../../../scripts/pact/pact-mutations.js';
import { verifyPacts } from '../../../../scripts/pact/verify.js';
import { startPaymentsProvider } from './payments-provider.harness.js';

const SERVICE = `${paymentsV1.protobufPackage}.${paymentsV1.PAYMENT_SERVICE_NAME}`;
const VOIDED = `${SERVICE}/ProcessPayment refuses an order voided by an early refund with FAILED_PRECONDITION`;

/** Verifies `pactFile` against payments (or a broken copy) and returns the verification error. */
async function verificationFailure(pactFile: string, app?: string): Promise<unknown> {
  const provider = await startPaymentsProvider({ app });
  try {
    const verifier = new Verifier({
      provider: PACTICIPANTS.payments,
      pactUrls: [pactFile],
      stateHandlers: provider.stateHandlers,
      messageProviders: messageProvidersFor(SERVICE, provider.answer),
      logLevel: 'error',
    });
    return await verifyPacts(verifier).then(
      () => assert.fail('the verification passed although the provider broke its pact'),
      (error: unknown) => error,
    );
  } finally {
    await provider.close();
  }
}

// What `npm run pact:verify` reports when payments breaks its pact with orders on purpose.
describe('payments verification fails naming the interaction a breaking change breaks', () => {
  const pactFile = () => requirePactFile(PACTICIPANTS.orders, PACTICIPANTS.payments);

  it('a changed status mapping (PAYMENT_VOIDED → ABORTED) in the running provider fails the VOIDED interaction', async () => {
    const mapping: DeliberateBreak = {
      file: 'error-map.js',
      from: 'PAYMENT_VOIDED: { http: 409, grpc: status.FAILED_PRECONDITION }',
      to: 'PAYMENT_VOIDED: { http: 409, grpc: status.ABORTED }',
    };
    const broken = await brokenCopyOf('payments', mapping);
    try {
      const error = await verificationFailure(pactFile(), broken.appName);
      assert.deepEqual(failedInteractions(error, await readPact(pactFile())), [VOIDED]);
      assert.match(
        String(error),
        /\$\.code Expected 'ABORTED' \(String\) to be equal to 'FAILED_PRECONDITION'/,
      );
    } finally {
      await broken.dispose();
    }
  });

  it('a renamed proto field (Payment.status → payment_status) fails every interaction that reads it', async () => {
    const pact = await readPact(pactFile());
    const renamed = pact.interactions
      .filter((interaction) => {
        const body = expectedBody(interaction);
        return body !== undefined && renameField(body, 'payment.status', 'paymentStatus');
      })
      .map(({ description }) => description);
    assert.ok(
      renamed.length >= 5,
      `expected the Payment bodies to carry status, renamed ${renamed.length}`,
    );
    const error = await verificationFailure(await writePactCopy(pact, 'renamed-field.json'));
    assert.deepEqual(failedInteractions(error, pact), renamed.sort());
    assert.match(String(error), /missing the following keys: paymentStatus/);
  });

  it('a pact expecting another status code for VOIDED fails that interaction only', async () => {
    const pact = await readPact(pactFile());
    const voided = pact.interactions.find(({ description }) => description === VOIDED);
    assert.ok(
      voided && setField(expectedBody(voided)!, 'code', 'ABORTED'),
      'the VOIDED interaction',
    );
    const error = await verificationFailure(await writePactCopy(pact, 'changed-status.json'));
    assert.deepEqual(failedInteractions(error, pact), [VOIDED]);
    assert.match(
      String(error),
      /\$\.code Expected 'FAILED_PRECONDITION' \(String\) to be equal to 'ABORTED'/,
    );
  });
});
