/** The roles auth gives accounts (the token's `role` claim; libs/identity checks the same). */
export type AccountRole = 'customer' | 'admin' | 'service';

/** An account. Usernames are stored lower-case, so `Alice` and `alice` are the same account. */
export interface User {
  id: string;
  username: string;
  role: AccountRole;
  passwordHash: string;
  createdAt: Date;
}

/** What a user (or an admin) may read about an account: never the hash. */
export interface UserProfile {
  id: string;
  username: string;
  role: AccountRole;
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
