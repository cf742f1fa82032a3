import type { MigrationInterface } from 'typeorm';

/** Every migration of the orders database, oldest first. */
export const migrations: (new () => MigrationInterface)[] = [];
