import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOverdue } from './saga-filters.js';

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('saga console rules', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('flags running, compensating and stuck sagas older than the threshold as overdue', () => {
    for (const status of ['RUNNING', 'COMPENSATING', 'STUCK'] as const) {
      assert.equal(isOverdue({ status, createdAt: minutesAgo(now, 6) }, now, 300_000), true);
      assert.equal(isOverdue({ status, createdAt: minutesAgo(now, 4) }, now, 300_000), false);
    }
  });

  it('never flags a terminal saga as overdue, however old', () => {
    for (const status of ['COMPLETED', 'REJECTED', 'COMPENSATED'] as const) {
      assert.equal(isOverdue({ status, createdAt: minutesAgo(now, 600) }, now, 300_000), false);
    }
  });
});
