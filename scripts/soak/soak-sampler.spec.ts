import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metricValue } from './soak-sampler.js';

const exposition = `# HELP nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.
# TYPE nodejs_eventloop_lag_p99_seconds gauge
nodejs_eventloop_lag_p99_seconds{service="orders"} 0.012451839
nodejs_eventloop_lag_p90_seconds{service="orders"} 0.0101
process_resident_memory_bytes 123456
`;

describe('reading an app’s /metrics', () => {
  it('reads a series with labels and one without', () => {
    assert.equal(metricValue(exposition, 'nodejs_eventloop_lag_p99_seconds'), 0.012451839);
    assert.equal(metricValue(exposition, 'process_resident_memory_bytes'), 123456);
  });

  it('gives NaN for a metric that is not there (not a prefix of another)', () => {
    assert.ok(Number.isNaN(metricValue(exposition, 'nodejs_eventloop_lag')));
  });
});
