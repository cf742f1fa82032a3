import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSoakOptions } from './soak-options.js';

describe('soak command line', () => {
  it('defaults to 100 orders/s for 20 minutes after a minute of warm-up', () => {
    assert.deepEqual(parseSoakOptions([]), {
      rate: 100,
      durationMs: 20 * 60_000,
      warmupMs: 60_000,
      sampleMs: 10_000,
      maxRssGrowthPercent: 15,
    });
  });

  it('takes rate and durations in s, m, h or ms', () => {
    const options = parseSoakOptions(['--rate', '50', '--duration', '2m', '--warmup', '20s']);
    assert.deepEqual([options.rate, options.durationMs, options.warmupMs], [50, 120_000, 20_000]);
    assert.equal(parseSoakOptions(['--duration', '1h']).durationMs, 3_600_000);
    assert.equal(parseSoakOptions(['--sample-every', '2500']).sampleMs, 2_500);
  });

  it('refuses what it cannot read, naming the option', () => {
    assert.throws(() => parseSoakOptions(['--rate', '0']), /--rate must be/);
    assert.throws(
      () => parseSoakOptions(['--duration', '20 min']),
      /--duration must be a duration/,
    );
    assert.throws(
      () => parseSoakOptions(['--duration', '5s', '--sample-every', '10s']),
      /--sample-every must not exceed/,
    );
    assert.throws(() => parseSoakOptions(['--nope']), /Unknown option/);
  });
});
