/**
 * Provider states of the pacts with auth. The consumers name them and the auth verification
 * sets each one up over auth's real HTTP API; one constant for both sides.
 */
export const AUTH_STATES = {
  /** params: username, password — registered through POST /v1/auth/register */
  userExists: 'a user exists with the password',
} as const;
