import { z } from 'zod';
import { isSupportedCurrency, SUPPORTED_CURRENCIES } from '../domain/currency.js';

/** Field rules shared by the commands; proto3 sends '' for a missing string, hence min(1). */
export const MAX_ID_LENGTH = 64;
export const MAX_REASON_LENGTH = 500;
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

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
  {
    currencyCode: z
      .string({ error: 'is required' })
      .refine(
        isSupportedCurrency,
        `must be an upper-case ISO 4217 code, one of ${SUPPORTED_CURRENCIES.join(' ')}`,
      ),
    amountMinor: z
      .number({ error: 'must be a number of minor units' })
      .int('must be a whole number of minor units')
      .positive('must be greater than 0')
      .max(MAX_AMOUNT_MINOR, `must be at most ${MAX_AMOUNT_MINOR} minor units`),
  },
  { error: 'is required' },
);
