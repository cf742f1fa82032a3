export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
export const SIGNING_KEYS = Symbol('SIGNING_KEYS');
