import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `saga_expect_held(advanced, id)`: true when a transition's UPDATE found the saga still held,
 * else an error (SQLSTATE SAGA1). The transition is the last statement of a step's transaction,
 * and COMMIT goes out with it without waiting for its answer; a lease lost must then abort the
 * transaction, so that COMMIT rolls back the local steps' writes, rather than match no row and
 * let them commit. A function, because plain SQL has no way to raise an error at run time.
 */
export class SagaHeldCheck1764600000000 implements MigrationInterface {
  name = 'SagaHeldCheck1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE FUNCTION saga_expect_held(advanced boolean, saga_id uuid)
      RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT advanced THEN
          RAISE EXCEPTION 'saga % is no longer held at this revision', saga_id
            USING ERRCODE = 'SAGA1';
        END IF;
        RETURN true;
      END $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION saga_expect_held(boolean, uuid)');
  }
}
