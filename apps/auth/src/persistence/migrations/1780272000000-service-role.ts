import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A third role, `service`, for accounts seeded from configuration (orders' service account). */
export class ServiceRole1780272000000 implements MigrationInterface {
  name = 'ServiceRole1780272000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        DROP CONSTRAINT users_role_check,
        ADD CONSTRAINT users_role_check CHECK (role IN ('customer', 'admin', 'service'))`);
  }

  /** Service accounts are seeded again from configuration, so going back drops them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM users WHERE role = 'service'`);
    await queryRunner.query(`
      ALTER TABLE users
        DROP CONSTRAINT users_role_check,
        ADD CONSTRAINT users_role_check CHECK (role IN ('customer', 'admin'))`);
  }
}
