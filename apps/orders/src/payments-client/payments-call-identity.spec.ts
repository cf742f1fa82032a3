import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ON_BEHALF_OF } from '#identity';
import { moneyMovingMetadata, readerMetadata } from './payments-call-identity.js';

function tokenExpiringIn(seconds: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256' })}.${part({ exp: Math.floor(Date.now() / 1000) + seconds })}.sig`;
}

describe('the identity orders presents to payments', () => {
  it("moves money with orders' service token, and the person's token on whose behalf", () => {
    const person = tokenExpiringIn(600);
    const metadata = moneyMovingMetadata('service-token', person);
    assert.deepEqual(metadata.get('authorization'), ['Bearer service-token']);
    assert.deepEqual(metadata.get(ON_BEHALF_OF), [person]);
  });

  it("sends the service token alone when no person's token is held (a resumed saga)", () => {
    const metadata = moneyMovingMetadata('service-token');
    assert.deepEqual(metadata.get('authorization'), ['Bearer service-token']);
    assert.deepEqual(metadata.get(ON_BEHALF_OF), []);
  });

  it("drops a person's token that expires within 30 s: the service identity vouches alone", () => {
    const metadata = moneyMovingMetadata('service-token', tokenExpiringIn(10));
    assert.deepEqual(metadata.get(ON_BEHALF_OF), []);
    assert.deepEqual(metadata.get('authorization'), ['Bearer service-token']);
  });

  it('never sends the person’s token as the caller of a charge, even without a service token', () => {
    const person = tokenExpiringIn(600);
    const metadata = moneyMovingMetadata(undefined, person);
    assert.deepEqual(metadata.get('authorization'), []);
    assert.deepEqual(metadata.get(ON_BEHALF_OF), [person]);
  });

  it('reads as the person asking', () => {
    assert.deepEqual(readerMetadata('operator-token').get('authorization'), [
      'Bearer operator-token',
    ]);
    assert.deepEqual(readerMetadata(undefined).get('authorization'), []);
  });
});
