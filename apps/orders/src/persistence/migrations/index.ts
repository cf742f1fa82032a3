import type { MigrationInterface } from 'typeorm';
import { CreateOrdersAndSagas1732500000000 } from './1732500000000-create-orders-and-sagas.js';

/** Every migration of the orders database, oldest first. */
export const migrations: (new () => MigrationInterface)[] = [CreateOrdersAndSagas1732500000000];
