import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresEndpoint } from '#platform';
import { testPostgres } from '#testing';
import { migrations } from '../src/persistence/migrations/index.js';

type Query = [sql: string, parameters: unknown[]];

const insertUser = (username: string, role = 'customer'): Query => [
  `INSERT INTO users (id, username, password_hash, role) VALUES (gen_random_uuid(), $1, 'h', $2)`,
  [username, role],
];

async function refusedWith(dataSource: DataSource, query: Query, constraint: string) {
  await assert.rejects(dataSource.query(...query), (error: unknown) => {
    assert.ok(error instanceof QueryFailedError);
    assert.equal((error.driverError as { constraint?: string }).constraint, constraint);
    return true;
  });
}

describe('auth migrations on a real PostgreSQL', () => {
  let postgres: PostgresEndpoint;
  let dataSource: DataSource;

  before(async () => {
    postgres = await testPostgres();
    dataSource = new DataSource({
      type: 'postgres',
      url: postgres.url,
      migrations,
      synchronize: false,
      extra: { max: postgres.maxPoolSize },
    });
    await dataSource.initialize();
  });
  after(async () => {
    await dataSource.destroy();
    await postgres.close();
  });

  it('creates users with unique lower-case usernames and the three roles', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    assert.deepEqual(
      applied.map((m) => m.name),
      migrations.map((m) => new m().name),
    );
    await dataSource.query(...insertUser('alice'));
    await refusedWith(dataSource, insertUser('alice'), 'users_username_key');
    await refusedWith(dataSource, insertUser('Bob'), 'users_username_lower_check');
    await refusedWith(dataSource, insertUser('carol', 'root'), 'users_role_check');
    for (const role of ['admin', 'service']) await dataSource.query(...insertUser(role, role));
  });

  it('reverts cleanly and applies again', async () => {
    for (let i = 0; i < migrations.length; i += 1) await dataSource.undoLastMigration();
    const [{ exists }] = await dataSource.query(
      `SELECT to_regclass('users') IS NOT NULL AS exists`,
    );
    assert.equal(exists, false);
    assert.equal((await dataSource.runMigrations()).length, migrations.length);
    assert.equal(await dataSource.showMigrations(), false, 'nothing left pending');
  });
});
