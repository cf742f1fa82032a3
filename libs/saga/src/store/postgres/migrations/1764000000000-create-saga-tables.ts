import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The saga tables, for an app that adds the library to a new database (orders reached the same
 * schema through its own earlier migrations; a test compares the two). Add a foreign key from
 * saga_instances.correlation_id to your own table in a migration of yours, if you want one.
 */
export class CreateSagaTables1764000000000 implements MigrationInterface {
  name = 'CreateSagaTables1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE saga_instances (
        id uuid PRIMARY KEY,
        type varchar(32) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        correlation_id uuid NOT NULL,
        status varchar(16) NOT NULL,
        step varchar(32) NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error varchar(2000) NOT NULL DEFAULT '',
        ending varchar(16),
        owner varchar(128),
        next_attempt_at timestamptz NOT NULL,
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        payload jsonb NOT NULL DEFAULT '{}',
        revision integer NOT NULL DEFAULT 1,
        CONSTRAINT saga_instances_one_per_correlation_and_type UNIQUE (correlation_id, type)
      )`);
    // The recovery worker's query: due, unfinished sagas.
    await runner.query(`CREATE INDEX saga_instances_due ON saga_instances (next_attempt_at)
      WHERE status IN ('RUNNING', 'COMPENSATING')`);
    await runner.query(
      'CREATE INDEX saga_instances_created ON saga_instances (created_at DESC, id DESC)',
    );
    await runner.query(`CREATE INDEX saga_instances_status_created
      ON saga_instances (status, created_at DESC, id DESC)`);
    await runner.query(`
      CREATE TABLE saga_steps (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        saga_id uuid NOT NULL REFERENCES saga_instances (id),
        step varchar(32) NOT NULL,
        action varchar(16) NOT NULL,
        outcome varchar(16) NOT NULL,
        attempt integer NOT NULL,
        error varchar(2000) NOT NULL DEFAULT '',
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        trace_id varchar(32) NOT NULL DEFAULT '',
        actor varchar(64),
        note varchar(1000)
      )`);
    // A timeline is read in order of seq (an identity: no read-modify-write to number rows).
    await runner.query('CREATE INDEX saga_steps_timeline ON saga_steps (saga_id, seq)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE saga_steps');
    await runner.query('DROP TABLE saga_instances');
  }
}
