export { AuthGuard } from './auth.guard.js';
export { bearerToken } from './bearer.js';
export { isAdmin, ROLES, type Caller, type Role } from './caller.js';
export { attachCaller, callerOf } from './caller-registry.js';
export { ForbiddenError, UnauthenticatedError } from './identity.errors.js';
export { IdentityModule } from './identity.module.js';
export { Roles, ROLES_KEY } from './roles.decorator.js';
export { TokenVerifier, type VerifierOptions } from './token-verifier.js';
