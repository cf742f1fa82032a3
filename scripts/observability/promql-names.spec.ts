import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metricNames, templateQueryMetricNames } from './promql-names.js';

const sorted = (names: string[]) => [...names].sort();

describe('metricNames', () => {
  it('finds the series of a rate inside aggregations, not functions, labels or ranges', () => {
    assert.deepEqual(
      metricNames(
        'histogram_quantile(0.95, sum by (service, route, le) (rate(saga_request_duration_seconds_bucket{route=~"$route", outcome!="aborted"}[$__rate_interval])))',
      ),
      ['saga_request_duration_seconds_bucket'],
    );
  });

  it('reads both sides of binary operations and skips vector-matching label lists', () => {
    const expr = `(
      sum by (service) (rate(a_total{x="{not a metric}"}[5m]))
      / on (service) group_left (team) b_info
    ) > 0.05 and on (service) sum without (instance) (c_total offset 1h) > bool 1e3`;
    assert.deepEqual(sorted(metricNames(expr)), ['a_total', 'b_info', 'c_total']);
  });

  it('takes aggregation modifiers written after the aggregated expression', () => {
    assert.deepEqual(metricNames('sum(rate(x_total[5m])) by (route) * 60'), ['x_total']);
  });

  it('treats a bare selector as a metric and ignores comparison keywords', () => {
    assert.deepEqual(metricNames('up{job=~"auth|orders"} == 0'), ['up']);
    assert.deepEqual(metricNames('max by (store) (db_pool_pending_requests) > 0'), [
      'db_pool_pending_requests',
    ]);
  });
});

describe('templateQueryMetricNames', () => {
  it('reads the selector of label_values(selector, label), not the label', () => {
    assert.deepEqual(
      templateQueryMetricNames(
        'label_values(saga_request_duration_seconds_count{service=~"$service"}, route)',
      ),
      ['saga_request_duration_seconds_count'],
    );
    assert.deepEqual(templateQueryMetricNames('label_values(service)'), []);
  });
});
