import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pactSource } from './pact-source.js';

const broker = { PACT_BROKER_BASE_URL: 'https://broker.example', PACT_BROKER_TOKEN: 't0ken' };

describe('where a verification reads its pacts', () => {
  it('without broker credentials: the local file, or an error naming the command that writes it', () => {
    assert.throws(
      () =>
        pactSource('no-such-consumer', 'payments', {
          PACT_BROKER_BASE_URL: broker.PACT_BROKER_BASE_URL,
        }),
      /no-such-consumer-payments\.json does not exist: run `npm run pact:consumer` first/,
    );
  });

  it('with broker credentials: that consumer’s pacts for main, this branch and deployed versions', () => {
    const source = pactSource('orders', 'payments', broker);
    assert.equal(source.pactUrls, undefined);
    assert.equal(source.pactBrokerUrl, broker.PACT_BROKER_BASE_URL);
    assert.equal(source.pactBrokerToken, broker.PACT_BROKER_TOKEN);
    assert.deepEqual(source.consumerVersionSelectors, [
      { consumer: 'orders', mainBranch: true },
      { consumer: 'orders', matchingBranch: true },
      { consumer: 'orders', deployedOrReleased: true },
    ]);
    assert.equal(source.publishVerificationResult, false);
  });

  it('publishes results only with a provider version to publish them for', () => {
    const publish = { ...broker, PACT_PUBLISH_VERIFICATION_RESULTS: 'true' };
    assert.throws(() => pactSource('orders', 'payments', publish), /needs PACT_PROVIDER_VERSION/);
    const source = pactSource('orders', 'payments', {
      ...publish,
      PACT_PROVIDER_VERSION: 'abc123',
    });
    assert.equal(source.publishVerificationResult, true);
    assert.equal(source.providerVersion, 'abc123');
  });
});
