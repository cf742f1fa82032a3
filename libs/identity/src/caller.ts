export const ROLES = ['customer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The verified identity behind a request. `token` is kept to propagate it to the next hop. */
export interface Caller {
  subject: string;
  role: Role;
  tokenId: string;
  token: string;
  /** The token's `preferred_username`, when it has one: for naming a person in records. */
  username?: string;
}

export function isAdmin(caller: Caller): boolean {
  return caller.role === 'admin';
}
