import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts. Usernames are unique as stored (lower-case); roles are the two the tokens know. */
export class CreateUsers1767225600000 implements MigrationInterface {
  name = 'CreateUsers1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid NOT NULL,
        username varchar(64) NOT NULL,
        password_hash text NOT NULL,
        role varchar(16) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_username_key UNIQUE (username),
        CONSTRAINT users_username_lower_check CHECK (username = lower(username)),
        CONSTRAINT users_role_check CHECK (role IN ('customer', 'admin'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE users');
  }
}
