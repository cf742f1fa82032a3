import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * create-order v2's fraud check: one screening per order that passed it, counted against the
 * customer's orders per hour; a compensated order's screening is voided and no longer counts.
 */
export class FraudScreenings1764200000000 implements MigrationInterface {
  name = 'FraudScreenings1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE fraud_screenings (
        order_id uuid PRIMARY KEY REFERENCES orders (id),
        customer_id varchar(64) NOT NULL,
        screened_at timestamptz NOT NULL,
        voided_at timestamptz
      )`);
    await runner.query(`CREATE INDEX fraud_screenings_customer_recent
      ON fraud_screenings (customer_id, screened_at) WHERE voided_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE fraud_screenings');
  }
}
