import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromTimestamp, toTimestamp } from './timestamp.js';

const at = (iso: string) => new Date(iso);

describe('toTimestamp', () => {
  it('splits an instant after 1970 into whole seconds and the nanos of its milliseconds', () => {
    assert.deepEqual(toTimestamp(at('2030-01-01T00:00:00.123Z')), {
      seconds: 1_893_456_000,
      nanos: 123_000_000,
    });
    assert.deepEqual(toTimestamp(new Date(0)), { seconds: 0, nanos: 0 });
  });

  it('keeps nanos between 0 and 999,999,999 before 1970 (seconds round down, nanos count up)', () => {
    assert.deepEqual(toTimestamp(new Date(-1)), { seconds: -1, nanos: 999_000_000 });
    assert.deepEqual(toTimestamp(at('1969-12-31T23:59:58.250Z')), {
      seconds: -2,
      nanos: 250_000_000,
    });
    assert.deepEqual(toTimestamp(new Date(-1_000)), { seconds: -1, nanos: 0 });
    assert.deepEqual(toTimestamp(at('0001-01-01T00:00:00.000Z')), {
      seconds: -62_135_596_800,
      nanos: 0,
    });
  });

  it('refuses an invalid Date and one outside the Timestamp range', () => {
    assert.throws(() => toTimestamp(new Date(Number.NaN)), RangeError);
    assert.throws(() => toTimestamp(at('+010000-01-01T00:00:00Z')), RangeError);
    assert.throws(() => toTimestamp(new Date(-62_135_596_800_001)), RangeError);
  });
});

describe('fromTimestamp', () => {
  it('reads back every millisecond toTimestamp wrote, before and after 1970', () => {
    for (const millis of [0, 1, 999, 1_000, -1, -999, -1_000, -1_001, 1_893_456_000_123]) {
      assert.equal(fromTimestamp(toTimestamp(new Date(millis))).getTime(), millis, `${millis}`);
    }
  });

  it('floors sub-millisecond nanos, also before 1970 (never a later instant)', () => {
    assert.equal(fromTimestamp({ seconds: 0, nanos: 1 }).getTime(), 0);
    assert.equal(fromTimestamp({ seconds: 0, nanos: 999_999 }).getTime(), 0);
    assert.equal(fromTimestamp({ seconds: 0, nanos: 1_000_000 }).getTime(), 1);
    assert.equal(fromTimestamp({ seconds: 12, nanos: 999_999_999 }).getTime(), 12_999);
    // One nanosecond before the epoch lies in the millisecond -1.
    assert.equal(fromTimestamp({ seconds: -1, nanos: 999_999_999 }).getTime(), -1);
    assert.equal(fromTimestamp({ seconds: -1, nanos: 500_000_001 }).getTime(), -500);
  });

  it('refuses nanos outside 0..999,999,999 and seconds outside the Timestamp range', () => {
    for (const bad of [
      { seconds: 0, nanos: -1 },
      { seconds: 0, nanos: 1_000_000_000 },
      { seconds: 0, nanos: 0.5 },
      { seconds: 1.5, nanos: 0 },
      { seconds: 253_402_300_800, nanos: 0 },
      { seconds: -62_135_596_801, nanos: 0 },
    ]) {
      assert.throws(() => fromTimestamp(bad), RangeError, JSON.stringify(bad));
    }
  });
});
