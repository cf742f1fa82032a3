import type { MigrationInterface } from 'typeorm';
import { CreateUsers1767225600000 } from './1767225600000-create-users.js';
import { ServiceRole1780272000000 } from './1780272000000-service-role.js';

/** Every migration of the auth database, oldest first. */
export const migrations: (new () => MigrationInterface)[] = [
  CreateUsers1767225600000,
  ServiceRole1780272000000,
];
