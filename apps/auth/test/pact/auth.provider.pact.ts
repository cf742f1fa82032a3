import { after, before, describe, it } from 'node:test';
import { Verifier } from '@pact-foundation/pact';
import { PACTICIPANTS } from '../../../../scripts/pact/pact-files.js';
import { pactSource } from '../../../../scripts/pact/pact-source.js';
import { verifyPacts } from '../../../../scripts/pact/verify.js';
import { startAuthProvider, type AuthProvider } from './auth-provider.harness.js';

describe('auth honours its pact with orders (real process, real PostgreSQL)', () => {
  let provider: AuthProvider;
  before(async () => (provider = await startAuthProvider()));
  after(() => provider.close());

  it('every interaction of the orders → auth pact verifies against the running service', () =>
    verifyPacts(
      new Verifier({
        provider: PACTICIPANTS.auth,
        providerBaseUrl: provider.baseUrl,
        ...pactSource(PACTICIPANTS.orders, PACTICIPANTS.auth),
        stateHandlers: provider.stateHandlers,
        logLevel: 'warn',
      }),
    ));
});
