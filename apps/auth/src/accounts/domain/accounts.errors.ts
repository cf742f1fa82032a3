// Plain errors with a stable `code`: the service's error map turns each into a transport status.

/** Unknown user or wrong password: deliberately the same error, so neither can be told apart. */
export class InvalidCredentialsError extends Error {
  override readonly name = 'InvalidCredentialsError';
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('invalid username or password');
  }
}

export class UsernameTakenError extends Error {
  override readonly name = 'UsernameTakenError';
  readonly code = 'USERNAME_TAKEN';
  constructor(username: string) {
    super(`username "${username}" is already taken`);
  }
}

/** Also what a customer gets for someone else's account: existence is not disclosed. */
export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError';
  readonly code = 'USER_NOT_FOUND';
  constructor() {
    super('user not found');
  }
}
