import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { typeOrmOptions, type PostgresEndpoint } from '#platform';
import {
  CreateSagaTables1764000000000,
  SagaHeldCheck1764600000000,
  SagaStatusTally1764300000000,
  SagaModule,
  SagaOrchestrator,
  SagaReader,
  SagaRecoveryWorker,
  sagaType,
  succeeded,
  type SagaDefinition,
  type SagaEnd,
  type SagaFeature,
  type SagaStep,
} from '../../src/index.js';

export const BOOKING = sagaType<{ guest: string }>('booking');
const payload = z.object({ guest: z.string() });

/** Where the sample saga's local step and end write, in the saga's own transaction. */
class CreateBookings1764000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE bookings (id uuid, entry text, at timestamptz)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE bookings');
  }
}

const note = (entry: string): SagaStep<{ guest: string }> => ({
  name: entry,
  local: true,
  async execute({ tx, correlationId, at }) {
    await tx.query('INSERT INTO bookings VALUES ($1, $2, $3)', [correlationId, entry, at]);
    return succeeded();
  },
});

const ended = async ({ tx, correlationId, ending }: SagaEnd<{ guest: string }>) => {
  await tx.query('INSERT INTO bookings VALUES ($1, $2, now())', [correlationId, `ended ${ending}`]);
};

@Injectable()
export class BookingV1 implements SagaDefinition<{ guest: string }> {
  readonly type = BOOKING;
  readonly version = 1;
  readonly payload = payload;
  readonly steps = [note('hold'), note('confirm')];
  onEnd = ended;
}

/** v2 adds a welcome step between hold and confirm. */
@Injectable()
export class BookingV2 implements SagaDefinition<{ guest: string }> {
  readonly type = BOOKING;
  readonly version = 2;
  readonly payload = payload;
  readonly steps = [note('hold'), note('welcome'), note('confirm')];
  onEnd = ended;
}

export interface BookingEngine {
  app: INestApplicationContext;
  orchestrator: SagaOrchestrator;
  reader: SagaReader;
  recovery: SagaRecoveryWorker;
}

/** The library as an app wires it: SagaModule on TypeORM over a real PostgreSQL. */
export async function bookingEngine(
  postgres: PostgresEndpoint,
  definitions: SagaFeature['definitions'],
  leaseMs = 5_000,
): Promise<BookingEngine> {
  @Module({
    imports: [
      TypeOrmModule.forRoot(
        typeOrmOptions(
          postgres,
          [],
          [
            CreateSagaTables1764000000000,
            SagaStatusTally1764300000000,
            SagaHeldCheck1764600000000,
            CreateBookings1764000000001,
          ],
        ),
      ),
      SagaModule.forRoot({
        leaseMs,
        retry: { initialMs: 5, maxMs: 20 },
        giveUp: { maxAttempts: 3, afterMs: 60_000 },
        recovery: { intervalMs: 0, concurrency: 8 },
        drainMs: 500,
      }),
      SagaModule.forFeature({ definitions }),
    ],
  })
  class BookingModule {}
  const app = await NestFactory.createApplicationContext(BookingModule, {
    logger: false,
    abortOnError: false,
  });
  await app.init();
  return {
    app,
    orchestrator: app.get(SagaOrchestrator),
    reader: app.get(SagaReader),
    recovery: app.get(SagaRecoveryWorker),
  };
}
