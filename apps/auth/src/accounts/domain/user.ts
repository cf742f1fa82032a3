import type { Role } from '#identity';

/** An account. Usernames are stored lower-case, so `Alice` and `alice` are the same account. */
export interface User {
  id: string;
  username: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
}

/** What a user (or an admin) may read about an account: never the hash. */
export interface UserProfile {
  id: string;
  username: string;
  role: Role;
  created_at: string;
}

export function profileOf(user: User): UserProfile {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    created_at: user.createdAt.toISOString(),
  };
}
