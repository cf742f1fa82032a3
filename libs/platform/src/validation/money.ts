import { z } from 'zod';

/** ISO 4217 codes the system accepts, each with its minor-unit digits. */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  CAD: 2,
  AUD: 2,
  JPY: 0,
};

/** 10^12 minor units: far above any order, far below 2^53. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

export const currencyCode = z
  .string({ error: 'is required' })
  .refine((code) => Object.hasOwn(CURRENCY_MINOR_DIGITS, code), {
    message: `must be one of ${Object.keys(CURRENCY_MINOR_DIGITS).join(', ')}`,
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
