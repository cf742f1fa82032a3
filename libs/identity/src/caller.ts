/**
 * `customer` and `admin` are people; `service` is a machine identity that auth issues only to
 * accounts seeded from configuration (orders' service account), never through registration.
 */
export const ROLES = ['customer', 'admin', 'service'] as const;
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

export function isService(caller: Caller): boolean {
  return caller.role === 'service';
}
