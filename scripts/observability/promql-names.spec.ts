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

describe('metricNames, where a scanner went wrong', () => {
  it('reads the name from a __name__="…" matcher, and none from a __name__ regex', () => {
    assert.deepEqual(metricNames('{__name__="saga_stuck_total", service="orders"}'), [
      'saga_stuck_total',
    ]);
    assert.deepEqual(metricNames('{"__name__"="saga_stuck_total"}'), ['saga_stuck_total']);
    assert.deepEqual(metricNames('{__name__=~"saga_.+"}'), []);
  });

  it('reads a quoted metric name inside the braces', () => {
    assert.deepEqual(metricNames('{"saga.started.total", service="orders"}'), [
      'saga.started.total',
    ]);
  });

  it('skips comments', () => {
    const expr = 'sum(rate(a_total[5m])) # over b_total\n/ sum(rate(c_total[5m]))';
    assert.deepEqual(sorted(metricNames(expr)), ['a_total', 'c_total']);
  });

  it('knows keywords in any case: BY, WITHOUT and ON take label lists', () => {
    assert.deepEqual(metricNames('sum BY (route) (x_total)'), ['x_total']);
    assert.deepEqual(metricNames('sum(x_total) WITHOUT (instance)'), ['x_total']);
    assert.deepEqual(metricNames('x_total and ON(instance) y_total'), ['x_total', 'y_total']);
  });

  it('ignores names inside strings, and reads a selector named like a function', () => {
    assert.deepEqual(metricNames('label_replace(up, "dst", "b_total", "src", "(.*)")'), ['up']);
    assert.deepEqual(metricNames('rate{job="orders"}'), ['rate']);
  });

  it('reads subqueries, offsets, @ and range modifiers', () => {
    assert.deepEqual(
      metricNames('max_over_time(rate(x_total[5m])[1h:1m] offset 1d) + y_total @ start()'),
      ['x_total', 'y_total'],
    );
    assert.deepEqual(metricNames('rate(x_total[5m] anchored)'), ['x_total']);
  });

  it('rejects what is not PromQL instead of guessing names from it', () => {
    assert.throws(() => metricNames('sum(rate(x_total[5m])'), /not PromQL/);
    assert.throws(() => metricNames('sum by (5m) (x_total)'), /not PromQL/);
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
