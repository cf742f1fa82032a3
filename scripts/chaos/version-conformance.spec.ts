import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { versionConformance, type RecordedSaga } from './version-conformance.js';

const V1 = {
  type: 'create-order',
  version: 1,
  steps: [
    { name: 'charge', compensable: true },
    { name: 'confirm', compensable: false },
  ],
};
const V2 = {
  type: 'create-order',
  version: 2,
  steps: [
    { name: 'charge', compensable: true },
    { name: 'fraud-check', compensable: true },
    { name: 'confirm', compensable: false },
  ],
};
const saga = (version: number, status: string, words: string[]): RecordedSaga => ({
  orderId: `order-${version}-${words.join('|')}`,
  type: 'create-order',
  version,
  status,
  rows: words.map((word) => {
    const [step, action, outcome] = word.split(':') as [string, string, string];
    return { step, action, outcome };
  }),
});
const check = (s: RecordedSaga) => versionConformance([V1, V2], [s]).map((v) => v.detail);

describe('each saga ran exactly the steps of its own version', () => {
  it('accepts complete, retried and compensated runs of either version', () => {
    assert.deepEqual(
      check(saga(1, 'COMPLETED', ['charge:execute:succeeded', 'confirm:execute:succeeded'])),
      [],
    );
    const v2 = [
      'charge:execute:succeeded',
      'fraud-check:execute:succeeded',
      'confirm:execute:succeeded',
    ];
    assert.deepEqual(check(saga(2, 'COMPLETED', v2)), []);
    const undone = [
      'charge:execute:succeeded',
      'fraud-check:execute:succeeded',
      'confirm:execute:failed',
      'fraud-check:compensate:succeeded',
      'charge:compensate:retrying',
      'charge:compensate:succeeded',
    ];
    assert.deepEqual(check(saga(2, 'COMPENSATED', undone)), []);
    assert.deepEqual(check(saga(1, 'REJECTED', ['charge:execute:failed'])), []);
  });

  it('names a v1 saga that ran a step only v2 has', () => {
    const mixed = [
      'charge:execute:succeeded',
      'fraud-check:execute:succeeded',
      'confirm:execute:succeeded',
    ];
    assert.match(check(saga(1, 'COMPLETED', mixed))[0]!, /v1: ran step fraud-check/);
  });

  it('names a v2 saga that skipped a step or completed without one', () => {
    const skipped = ['charge:execute:succeeded', 'confirm:execute:succeeded'];
    assert.match(check(saga(2, 'COMPLETED', skipped))[0]!, /executed confirm out of order/);
    assert.match(
      check(saga(2, 'COMPLETED', ['charge:execute:succeeded']))[0]!,
      /without running every step/,
    );
  });

  it('names a compensation out of reverse order, or of a step that never ran', () => {
    const wrongOrder = [
      'charge:execute:succeeded',
      'fraud-check:execute:succeeded',
      'confirm:execute:failed',
      'charge:compensate:succeeded',
      'fraud-check:compensate:succeeded',
    ];
    assert.match(check(saga(2, 'COMPENSATED', wrongOrder))[0]!, /out of reverse order/);
    const neverRan = ['charge:execute:unknown', 'fraud-check:compensate:succeeded'];
    assert.match(check(saga(2, 'COMPENSATED', neverRan))[0]!, /before running it/);
  });

  it('names a saga of a version orders does not have', () => {
    assert.match(
      check({ ...saga(3, 'RUNNING', []), version: 3 })[0]!,
      /no such definition version/,
    );
  });
});
