import { SetMetadata } from '@nestjs/common';
import type { Role } from './caller.js';

export const ROLES_KEY = 'identity:roles';

/** Restricts a handler (or controller) to callers with one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
