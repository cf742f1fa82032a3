import { z } from 'zod';
import { isSupportedCurrency, MAX_AMOUNT_MINOR, SUPPORTED_CURRENCIES } from '#money';

export const currencyCode = z.string({ error: 'is required' }).refine(isSupportedCurrency, {
  message: `must be an upper-case ISO 4217 code, one of ${SUPPORTED_CURRENCIES.join(', ')}`,
});

export const amountMinor = z
  .number({ error: 'must be an integer number of minor units' })
  .int('must be an integer number of minor units')
  .positive('must be greater than 0')
  .max(MAX_AMOUNT_MINOR, `must be at most ${MAX_AMOUNT_MINOR}`);

/** A printable identifier: no control characters, bounded length. */
export const identifier = (max: number) =>
  z
    .string({ error: 'is required' })
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\p{L}\p{N}._:@-]+$/u, 'may contain only letters, digits and . _ : @ -');

/**
 * Text a person wrote: no control characters, and well-formed Unicode, since a lone surrogate
 * cannot be stored as UTF-8 and would silently come back as U+FFFD.
 */
export const freeText = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !/\p{Cc}/u.test(text), { message: 'must not contain control characters' })
    .refine((text) => text.isWellFormed(), { message: 'must be well-formed Unicode' });
