import type { Timestamp } from './gen/google/protobuf/timestamp.pb.js';

// The one conversion between a Date and google.protobuf.Timestamp for every app's adapters.
// Hand-written rather than @bufbuild/protobuf's wkt helpers: those build its own message type
// (bigint seconds, while ts-proto and the proto loader here give numbers) and round nanos to the
// nearest millisecond, which can move an instant into the next second; a Date is the instant
// floored to the millisecond, so both directions floor here.

const NANOS_PER_MILLI = 1_000_000;
const MAX_NANOS = 999_999_999;
/** Timestamp's range by its definition: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z. */
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;

/**
 * A Date as a Timestamp. `nanos` is never negative, also before 1970: the instant
 * 1969-12-31T23:59:59.999Z is `{ seconds: -1, nanos: 999000000 }`.
 */
export function toTimestamp(date: Date): Timestamp {
  const millis = date.getTime();
  if (!Number.isFinite(millis)) throw new RangeError('cannot convert an invalid Date');
  const seconds = Math.floor(millis / 1_000);
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new RangeError(`${date.toISOString()} is outside the range of a Timestamp`);
  }
  return { seconds, nanos: (millis - seconds * 1_000) * NANOS_PER_MILLI };
}

/** A Timestamp as a Date, floored to the millisecond (a Date holds no finer time). */
export function fromTimestamp({ seconds, nanos }: Timestamp): Date {
  if (!Number.isInteger(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new RangeError(`Timestamp seconds ${seconds} out of range`);
  }
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > MAX_NANOS) {
    throw new RangeError(`Timestamp nanos ${nanos} out of range 0..${MAX_NANOS}`);
  }
  return new Date(seconds * 1_000 + Math.floor(nanos / NANOS_PER_MILLI));
}
