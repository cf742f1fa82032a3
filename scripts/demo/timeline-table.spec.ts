import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timelineTable } from './timeline-table.js';

describe('timelineTable', () => {
  it('prints one aligned row per step under a header', () => {
    const table = timelineTable([
      {
        type: 'create-order',
        status: 'COMPENSATED',
        steps: [
          {
            step: 'charge',
            action: 'execute',
            outcome: 'succeeded',
            attempt: 1,
            duration_ms: 4,
            error: '',
          },
          {
            step: 'confirm',
            action: 'execute',
            outcome: 'failed',
            attempt: 1,
            duration_ms: 2,
            error: 'boom',
          },
        ],
      },
    ]);
    const lines = table.split('\n');
    assert.equal(lines.length, 3);
    assert.match(
      lines[2]!,
      /create-order \(COMPENSATED\)\s+confirm\s+execute\s+failed\s+1\s+2\s+boom/,
    );
    assert.equal(lines[1]!.indexOf('charge'), lines[2]!.indexOf('confirm'));
  });
});
