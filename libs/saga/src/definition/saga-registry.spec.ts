import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TripScript, tripV1, tripV2 } from '../../test/support/trip.saga.js';
import { InvalidSagaError } from '../errors/invalid-saga.error.js';
import { UnknownSagaError } from '../errors/unknown-saga.error.js';
import { SagaRegistry } from './saga-registry.js';

describe('saga registry', () => {
  const script = new TripScript();

  it('starts new sagas on the newest version and keeps the older ones', () => {
    const registry = new SagaRegistry();
    registry.register(tripV2(script));
    registry.register(tripV1(script));
    assert.equal(registry.newest('trip').version, 2);
    assert.equal(registry.get('trip', 1).steps.length, 2);
    assert.deepEqual(registry.types(), ['trip']);
  });

  it('names the type and version it does not know', () => {
    const registry = new SagaRegistry();
    registry.register(tripV1(script));
    assert.throws(() => registry.get('trip', 3), UnknownSagaError);
    assert.throws(() => registry.get('trip', 3), /trip v3/);
    assert.throws(() => registry.newest('cruise'), /cruise/);
  });

  it('refuses a version registered twice, no steps, repeated or malformed step names', () => {
    const registry = new SagaRegistry();
    registry.register(tripV1(script));
    assert.throws(() => registry.register(tripV1(script)), /trip v1: registered twice/);
    const v3 = tripV1(script, { version: 3 });
    assert.throws(() => registry.register({ ...v3, steps: [] }), /has no steps/);
    const twice = { ...v3, steps: [v3.steps[0]!, v3.steps[0]!] };
    assert.throws(() => registry.register(twice), /"reserve" is malformed or repeated/);
    const badName = { ...v3, steps: [{ ...v3.steps[0]!, name: 'Reserve Now' }] };
    assert.throws(() => registry.register(badName), InvalidSagaError);
    assert.throws(() => registry.register({ ...v3, version: 0 }), /positive integer/);
  });
});
