import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Verifier } from '@pact-foundation/pact';
import { brokenCopyOf } from '../../../../scripts/pact/broken-build.js';
import { failedInteractions } from '../../../../scripts/pact/failed-interactions.js';
import { PACTICIPANTS, requirePactFile } from '../../../../scripts/pact/pact-files.js';
import { readPact } from '../../../../scripts/pact/pact-mutations.js';
import { verifyPacts } from '../../../../scripts/pact/verify.js';
import { startAuthProvider } from './auth-provider.harness.js';

const LOGIN = 'POST /v1/auth/login with valid credentials returns a bearer access token';

// What `npm run pact:verify` reports when auth breaks its pact with orders on purpose.
describe('auth verification fails naming the interaction a breaking change breaks', () => {
  it('auth renaming access_token to accessToken in the login response fails the login interaction', async () => {
    const broken = await brokenCopyOf('auth', {
      file: 'keys/token-issuer.js',
      from: 'return { access_token: token,',
      to: 'return { accessToken: token,',
    });
    const provider = await startAuthProvider({ app: broken.appName });
    try {
      const pactFile = requirePactFile(PACTICIPANTS.orders, PACTICIPANTS.auth);
      const verifier = new Verifier({
        provider: PACTICIPANTS.auth,
        providerBaseUrl: provider.baseUrl,
        pactUrls: [pactFile],
        stateHandlers: provider.stateHandlers,
        logLevel: 'error',
      });
      const error = await verifyPacts(verifier).then(
        () => assert.fail('the verification passed although auth renamed a field'),
        (failure: unknown) => failure,
      );
      assert.deepEqual(failedInteractions(error, await readPact(pactFile)), [LOGIN]);
      assert.match(String(error), /missing the following keys: access_token/);
    } finally {
      await provider.close();
      await broken.dispose();
    }
  });
});
