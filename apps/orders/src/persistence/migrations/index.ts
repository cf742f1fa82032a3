import type { MigrationInterface } from 'typeorm';
import { SagaHeldCheck1764600000000, SagaStatusTally1764300000000 } from '#saga';
import { CreateOrdersAndSagas1732500000000 } from './1732500000000-create-orders-and-sagas.js';
import { SagaConsole1732600000000 } from './1732600000000-saga-console.js';
import { SagaLibrary1764100000000 } from './1764100000000-saga-library.js';
import { FraudScreenings1764200000000 } from './1764200000000-fraud-screenings.js';
import { OrderMoveCheck1764700000000 } from './1764700000000-order-move-check.js';

/** Every migration of the orders database, oldest first. */
export const migrations: (new () => MigrationInterface)[] = [
  CreateOrdersAndSagas1732500000000,
  SagaConsole1732600000000,
  SagaLibrary1764100000000,
  FraudScreenings1764200000000,
  // From here on the saga tables change only through the library's own migrations.
  SagaStatusTally1764300000000,
  SagaHeldCheck1764600000000,
  OrderMoveCheck1764700000000,
];
