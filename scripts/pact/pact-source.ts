import type { VerifierOptions } from '@pact-foundation/pact';
import { requirePactFile } from './pact-files.js';

type Source = Pick<
  VerifierOptions,
  | 'pactUrls'
  | 'pactBrokerUrl'
  | 'pactBrokerToken'
  | 'consumerVersionSelectors'
  | 'enablePending'
  | 'publishVerificationResult'
  | 'providerVersion'
  | 'providerVersionBranch'
>;

/**
 * Where a verification reads its pacts: the local file the consumer tests wrote, or the Pact
 * Broker when PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN are set (CI with broker credentials, as
 * scripts/pact/broker.sh decides; see docs/contracts.md).
 * Results go back to the broker only when PACT_PUBLISH_VERIFICATION_RESULTS=true.
 */
export function pactSource(
  consumer: string,
  provider: string,
  env: NodeJS.ProcessEnv = process.env,
): Source {
  const broker = env.PACT_BROKER_BASE_URL;
  if (!broker || !env.PACT_BROKER_TOKEN) return { pactUrls: [requirePactFile(consumer, provider)] };
  const publish = env.PACT_PUBLISH_VERIFICATION_RESULTS === 'true';
  const version = env.PACT_PROVIDER_VERSION;
  if (publish && !version) {
    throw new Error('PACT_PUBLISH_VERIFICATION_RESULTS=true needs PACT_PROVIDER_VERSION');
  }
  return {
    pactBrokerUrl: broker,
    pactBrokerToken: env.PACT_BROKER_TOKEN,
    consumerVersionSelectors: [
      { consumer, mainBranch: true },
      { consumer, matchingBranch: true },
      { consumer, deployedOrReleased: true },
    ],
    enablePending: true,
    publishVerificationResult: publish,
    providerVersion: version,
    providerVersionBranch: env.PACT_PROVIDER_BRANCH,
  };
}

/** Provider-state handlers as the Verifier takes them (Pact JS does not export the type). */
export type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;
