export { AuthGuard } from './auth.guard.js';
export { bearerToken } from './bearer.js';
export { isAdmin, isService, ROLES, type Caller, type Role } from './caller.js';
export { attachCaller, callerOf, onBehalfOf } from './caller-registry.js';
export { ForbiddenError, UnauthenticatedError } from './identity.errors.js';
export { IdentityModule } from './identity.module.js';
export { ON_BEHALF_OF } from './on-behalf-of.js';
export { Roles, ROLES_KEY } from './roles.decorator.js';
export { TokenVerifier, verifyingJwtOptions, type VerifierOptions } from './token-verifier.js';
export {
  SigningKeyResolver,
  type JwkSet,
  type KeyLookup,
  type PublicJwk,
  type TokenHeader,
} from './signing-key.resolver.js';
export { tokenExpiresAtMs } from './token-expiry.js';
