import type { z } from 'zod';
import { InvalidArgumentError } from './domain-error.js';
import { inputFieldName } from './field-names.js';

/**
 * Validates transport input; the error names each bad field as the caller spelled it (snake_case,
 * the proto and HTTP names), e.g. `amount.currency_code: …`, never the camelCase it is parsed into.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${inputFieldName(issue.path) || 'body'}: ${issue.message}`);
  throw new InvalidArgumentError(problems.join('; '));
}
