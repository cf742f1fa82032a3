import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile } from './stats.js';

describe('percentile', () => {
  it('takes the nearest rank of unsorted samples', () => {
    const samples = [9, 1, 5, 3, 7, 2, 8, 4, 6, 10];
    assert.equal(percentile(samples, 50), 5);
    assert.equal(percentile(samples, 95), 10);
    assert.equal(percentile(samples, 10), 1);
  });

  it('is NaN for no samples', () => {
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});
