import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `order_expect_moved(moved, id, expected)`: nothing when an order's status UPDATE moved it,
 * else an error (SQLSTATE ORD01) naming the status it no longer has. A saga step sends the UPDATE
 * without waiting for its answer (with the saga's transition and COMMIT, in one write), so an
 * order in another status must fail the statement, and with it the transaction, rather than
 * change no row unread. A function, because plain SQL has no way to raise at run time.
 */
export class OrderMoveCheck1764700000000 implements MigrationInterface {
  name = 'OrderMoveCheck1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE FUNCTION order_expect_moved(moved boolean, order_id uuid, expected text)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT moved THEN
          RAISE EXCEPTION 'order % is no longer %', order_id, expected USING ERRCODE = 'ORD01';
        END IF;
      END $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION order_expect_moved(boolean, uuid, text)');
  }
}
