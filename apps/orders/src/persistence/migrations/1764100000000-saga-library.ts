import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The saga tables as libs/saga keeps them: sagas keyed by a correlation id (here, still bound
 * to its order by the foreign key), a definition version per saga, the row's write counter
 * named `revision`, and when a failing action first failed (its give-up time counts from it).
 */
export class SagaLibrary1764100000000 implements MigrationInterface {
  name = 'SagaLibrary1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE saga_instances RENAME COLUMN order_id TO correlation_id');
    await runner.query('ALTER TABLE saga_instances RENAME COLUMN version TO revision');
    // Every saga so far ran the first (and only) version of its type.
    await runner.query('ALTER TABLE saga_instances ADD COLUMN version integer NOT NULL DEFAULT 1');
    await runner.query('ALTER TABLE saga_instances ADD COLUMN failing_since timestamptz');
    await runner.query(`ALTER TABLE saga_instances RENAME CONSTRAINT
      saga_instances_one_per_order_and_type TO saga_instances_one_per_correlation_and_type`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE saga_instances RENAME CONSTRAINT
      saga_instances_one_per_correlation_and_type TO saga_instances_one_per_order_and_type`);
    await runner.query('ALTER TABLE saga_instances DROP COLUMN failing_since');
    await runner.query('ALTER TABLE saga_instances DROP COLUMN version');
    await runner.query('ALTER TABLE saga_instances RENAME COLUMN revision TO version');
    await runner.query('ALTER TABLE saga_instances RENAME COLUMN correlation_id TO order_id');
  }
}
