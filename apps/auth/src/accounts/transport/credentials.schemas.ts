import { z } from 'zod';

export const USERNAME_MAX = 64;
export const PASSWORD_MAX = 256;
export const PASSWORD_MIN = 8;

const lowerCase = (value: string) => value.toLowerCase();
const text = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });

/** A new username: 3–64 of letters, digits and `._@-`, stored lower-case. */
export const newUsername = text()
  .min(3, 'must be at least 3 characters')
  .max(USERNAME_MAX, `must be at most ${USERNAME_MAX} characters`)
  .regex(/^[A-Za-z0-9._@-]+$/, 'may contain only letters, digits and . _ @ -')
  .transform(lowerCase);

/** A new password: long enough to matter, short enough that hashing it stays cheap. */
export const newPassword = text()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

/**
 * Login takes any non-empty username and password within the length limits: rules for new
 * accounts may tighten later without locking out existing ones.
 */
export const anyUsername = text()
  .min(1, 'must not be empty')
  .max(USERNAME_MAX, `must be at most ${USERNAME_MAX} characters`)
  // PostgreSQL refuses NUL in text: caught here it is a 400, not a failed query.
  .regex(/^\P{Cc}+$/u, 'must not contain control characters')
  .transform(lowerCase);

export const anyPassword = text()
  .min(1, 'must not be empty')
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

/** The message for a body that is not an object of exactly the expected fields. */
export function bodyError(issue: { code: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys?.join(', ')}`;
  return 'must be a JSON object with username and password';
}
