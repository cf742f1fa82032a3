import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from './retry-delay.js';

const SETTINGS = { initialMs: 100, maxMs: 5_000 };

describe('retry delay', () => {
  it('grows with the attempts and stays within the initial and maximum delay', () => {
    for (let attempts = 1; attempts <= 30; attempts += 1) {
      const delay = retryDelayMs(attempts, SETTINGS);
      assert.ok(delay >= 100 && delay <= 5_000, `attempt ${attempts}: ${delay}`);
    }
    const median = (attempts: number) =>
      Array.from({ length: 41 }, () => retryDelayMs(attempts, SETTINGS)).sort((a, b) => a - b)[20]!;
    assert.ok(median(8) > median(1), 'later attempts wait longer');
  });

  it('never retries sooner than the target asked (a breaker’s half-open time)', () => {
    for (let attempts = 1; attempts <= 5; attempts += 1) {
      assert.ok(retryDelayMs(attempts, SETTINGS, 4_000) >= 4_000);
    }
  });
});
