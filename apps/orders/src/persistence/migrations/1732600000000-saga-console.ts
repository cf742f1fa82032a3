import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The saga console: who acted on a saga by hand and why (timeline rows with a null actor are the
 * engine's own), and the indexes its newest-first list and per-status counts read.
 */
export class SagaConsole1732600000000 implements MigrationInterface {
  name = 'SagaConsole1732600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE saga_steps ADD COLUMN actor varchar(64)`);
    await runner.query(`ALTER TABLE saga_steps ADD COLUMN note varchar(1000)`);
    await runner.query(
      `CREATE INDEX saga_instances_created ON saga_instances (created_at DESC, id DESC)`,
    );
    await runner.query(
      `CREATE INDEX saga_instances_status_created
         ON saga_instances (status, created_at DESC, id DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX saga_instances_status_created');
    await runner.query('DROP INDEX saga_instances_created');
    await runner.query('ALTER TABLE saga_steps DROP COLUMN note');
    await runner.query('ALTER TABLE saga_steps DROP COLUMN actor');
  }
}
