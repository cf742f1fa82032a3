import { z } from 'zod';
import { anyPassword, anyUsername, bodyError } from '../../transport/credentials.schemas.js';

export const loginCommand = z.strictObject(
  { username: anyUsername, password: anyPassword },
  { error: bodyError },
);

export type LoginCommand = z.infer<typeof loginCommand>;
