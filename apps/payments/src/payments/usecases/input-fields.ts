import { z } from 'zod';
import { validation } from '#platform';

/** Field rules shared by the commands; proto3 sends '' for a missing string, hence min(1). */
export const MAX_ID_LENGTH = 64;
export const MAX_REASON_LENGTH = 500;

export const idField = z
  .string({ error: 'is required' })
  .min(1, { error: 'is required', abort: true })
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces');

export const reasonField = z
  .string({ error: 'must be a string' })
  .max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const moneyField = z.object(
  { currencyCode: validation.currencyCode, amountMinor: validation.amountMinor },
  { error: 'is required' },
);
