import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSamples } from './runtime-sampler.js';

describe('runtime sampler', () => {
  it('reads samples with their labels from the text exposition, comments skipped', () => {
    const text = [
      '# HELP nodejs_gc_duration_seconds Garbage collection duration by kind',
      '# TYPE nodejs_gc_duration_seconds histogram',
      'nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor",service="orders"} 12',
      'nodejs_gc_duration_seconds_sum{kind="minor",service="orders"} 0.0345',
      'nodejs_eventloop_lag_p99_seconds{service="orders"} 0.012',
      'db_pool_pending_requests{store="orders-db",service="a \\"quoted\\" name"} 3',
      'process_start_time_seconds 1700000000',
    ].join('\n');
    assert.deepEqual(parseSamples(text), [
      {
        name: 'nodejs_gc_duration_seconds_bucket',
        labels: { le: '0.001', kind: 'minor', service: 'orders' },
        value: 12,
      },
      {
        name: 'nodejs_gc_duration_seconds_sum',
        labels: { kind: 'minor', service: 'orders' },
        value: 0.0345,
      },
      { name: 'nodejs_eventloop_lag_p99_seconds', labels: { service: 'orders' }, value: 0.012 },
      {
        name: 'db_pool_pending_requests',
        labels: { store: 'orders-db', service: 'a \\"quoted\\" name' },
        value: 3,
      },
      { name: 'process_start_time_seconds', labels: {}, value: 1700000000 },
    ]);
  });
});
