import type { z } from 'zod';
import { InvalidArgumentError } from './domain-error.js';

/** Validates transport input; the error names each bad field, e.g. `amount.currency_code: …`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
  throw new InvalidArgumentError(problems.join('; '));
}
