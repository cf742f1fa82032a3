import { z } from 'zod';
import { bodyError, newPassword, newUsername } from '../../transport/credentials.schemas.js';

/** Unknown fields (a `role`, say) are refused, not ignored: customers cannot pick their role. */
export const registerCommand = z.strictObject(
  { username: newUsername, password: newPassword },
  { error: bodyError },
);

export type RegisterCommand = z.infer<typeof registerCommand>;
