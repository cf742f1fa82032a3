import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBenchOptions } from './bench-options.js';

describe('bench command line', () => {
  it('defaults to 200/s for 30 s, 10 s steps, 60 s warm-ups, three rounds, one replica', () => {
    assert.deepEqual(parseBenchOptions([], {}), {
      rate: 200,
      duration: '30s',
      stepDuration: '10s',
      warmUp: '60s',
      rounds: 3,
      replicas: 1,
    });
  });

  it('takes the older variables as defaults, and flags over them', () => {
    const env = { BENCH_RATE: '150', BENCH_DURATION: '20s' };
    assert.deepEqual(parseBenchOptions([], env).rate, 150);
    const options = parseBenchOptions(
      ['--rate', '100', '--replicas', '2', '--step-duration', '3s', '--warm-up', '1m'],
      env,
    );
    assert.deepEqual(
      [options.rate, options.duration, options.stepDuration, options.warmUp, options.replicas],
      [100, '20s', '3s', '1m', 2],
    );
  });

  it('refuses a bad number or duration, naming the option', () => {
    assert.throws(() => parseBenchOptions(['--replicas', '0'], {}), /--replicas must be/);
    assert.throws(() => parseBenchOptions(['--rounds', '1.5'], {}), /--rounds must be/);
    assert.throws(() => parseBenchOptions(['--duration', '30'], {}), /--duration must be a k6/);
    assert.throws(() => parseBenchOptions(['--warm-up', '0s'], {}), /--warm-up must be a k6/);
    assert.throws(() => parseBenchOptions(['--nope'], {}), /Unknown option/);
  });
});
