import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChaosOptions } from './chaos-options.js';

describe('chaos command line', () => {
  it('defaults to at least 1,000 orders, a fault per 60 orders and a random seed', () => {
    const options = parseChaosOptions([], () => 77);
    assert.equal(options.seed, 77);
    assert.equal(options.orders, 1_000);
    assert.equal(options.faults, 17);
    assert.equal(options.breakCompensation, false);
  });

  it('takes the seed, orders and the broken-compensation switch', () => {
    const options = parseChaosOptions(['--seed', '0', '--orders', '200', '--break-compensation']);
    assert.deepEqual(
      [options.seed, options.orders, options.faults, options.breakCompensation],
      [0, 200, 4, true],
    );
  });

  it('runs one process of each app unless --replicas says how many', () => {
    assert.equal(parseChaosOptions([]).replicas, 1);
    assert.equal(parseChaosOptions(['--replicas', '2']).replicas, 2);
    assert.throws(() => parseChaosOptions(['--replicas', '0']), /--replicas must be/);
    assert.throws(
      () => parseChaosOptions(['--replicas', '2', '--embedded']),
      /--replicas needs servers the replicas share/,
    );
  });

  it('runs a rolling deploy of orders with --upgrade, on servers only', () => {
    assert.equal(parseChaosOptions([]).upgrade, false);
    assert.equal(parseChaosOptions(['--upgrade', '--replicas', '2']).upgrade, true);
    assert.throws(
      () => parseChaosOptions(['--upgrade', '--embedded']),
      /--upgrade reads orders' database/,
    );
  });

  it('takes --faults 0 for a run without faults', () => {
    assert.equal(parseChaosOptions(['--faults', '0']).faults, 0);
  });

  it('refuses what is not a positive integer, naming the option', () => {
    assert.throws(() => parseChaosOptions(['--orders', '0']), /--orders must be an integer ≥ 1/);
    assert.throws(() => parseChaosOptions(['--seed', 'x']), /--seed must be/);
    assert.throws(() => parseChaosOptions(['--nope']), /Unknown option/);
  });
});
