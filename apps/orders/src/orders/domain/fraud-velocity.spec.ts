import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { velocityVerdict } from './fraud-velocity.js';

describe('fraud velocity rule', () => {
  it('passes while the customer stays under the hourly limit', () => {
    assert.deepEqual(velocityVerdict(0, 3), { pass: true });
    assert.deepEqual(velocityVerdict(2, 3), { pass: true });
  });

  it('holds the order that would go over it, saying how many and the limit', () => {
    const verdict = velocityVerdict(3, 3);
    assert.equal(verdict.pass, false);
    assert.match(verdict.pass ? '' : verdict.reason, /3 orders in the last hour \(limit 3\)/);
  });
});
