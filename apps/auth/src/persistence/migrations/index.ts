import type { MigrationInterface } from 'typeorm';

/** Every migration of the auth database, oldest first. */
export const migrations: (new () => MigrationInterface)[] = [];
