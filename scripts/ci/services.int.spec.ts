import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import mongoose from 'mongoose';
import pg from 'pg';
import { startServices } from './services.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/ci/services.sh', import.meta.url));

describe('scripts/ci/services.sh', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'services-'));
    await chmod(dir, 0o1777); // like /tmp: the postgres user makes its folder here
  });
  after(async () => {
    spawnSync('bash', [SCRIPT, 'stop', dir]);
    await rm(dir, { recursive: true, force: true });
  });

  it('fails with the server log, and stops what it started, when FerretDB does not come up', async () => {
    // A "FerretDB" that says why it cannot start and exits, like a missing or broken binary.
    const fake = join(dir, 'ferretdb');
    spawnSync('bash', [
      '-c',
      `printf '#!/bin/sh\\necho "fake ferretdb: cannot start" >&2\\nexit 3\\n' > ${fake}; chmod +x ${fake}`,
    ]);
    const run = spawnSync('bash', [SCRIPT, 'start', join(dir, 'run')], {
      encoding: 'utf8',
      // TMPDIR: where PostgreSQL's own folder goes when run as root (the postgres user reaches it).
      env: { ...process.env, FERRETDB_BIN: fake, TMPDIR: dir },
      timeout: 120_000,
    });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /FerretDB did not come up on port \d+/);
    assert.match(run.stderr, /fake ferretdb: cannot start/);
    assert.doesNotMatch(run.stdout, /export MONGO_URL/);
    assert.notEqual(spawnSync('pgrep', ['-f', dir]).status, 0, 'nothing of it still runs');
    const left = (await readdir(dir)).filter((name) => name.startsWith('saga-pg.'));
    assert.deepEqual(left, [], "PostgreSQL's folder was removed");
  });

  it('refuses at once, naming the installer, when there is no FerretDB binary', () => {
    const run = spawnSync('bash', [SCRIPT, 'start', join(dir, 'none')], {
      encoding: 'utf8',
      env: { ...process.env, FERRETDB_BIN: join(dir, 'absent') },
    });
    assert.notEqual(run.status, 0);
    assert.match(
      run.stderr,
      /no FerretDB at .*absent: run bash scripts\/tools\/install-ferretdb\.sh/,
    );
  });

  it('gives each collection FerretDB creates an index that its lookups by _id use', async () => {
    const services = startServices(join(dir, 'ids'), { env: { ...process.env, TMPDIR: dir } });
    const { env } = services;
    const mongo = await mongoose.createConnection(env.MONGO_URL!).asPromise();
    const postgres = new pg.Client({
      connectionString: env.DATABASE_URL!.replace(/\/postgres$/, '/ferretdb'),
    });
    try {
      const ledger = mongo.useDb('ids').db!.collection<{ _id: string; n: number }>('ledger');
      await ledger.insertMany(Array.from({ length: 2_000 }, (_, n) => ({ _id: `order-${n}`, n })));
      assert.equal((await ledger.findOne({ _id: 'order-1234' }))?.n, 1234);
      await postgres.connect();
      const { rows } = await postgres.query<{ table: string }>(
        `SELECT format('%I.%I', schemaname, tablename) AS table FROM pg_indexes
          WHERE schemaname = 'ids' AND tablename LIKE 'ledger%' AND indexdef LIKE '%USING gin%'`,
      );
      assert.equal(rows.length, 1, 'one GIN index, on the ledger');
      await postgres.query('ANALYZE ' + rows[0]!.table);
      // FerretDB's own query form for a lookup by _id (a bound key, so a custom plan).
      const plan = await postgres.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT _jsonb FROM ${rows[0]!.table} WHERE _jsonb->$1 @> $2`,
        ['_id', JSON.stringify('order-1234')],
      );
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      assert.match(text, /Index Scan/, text);
      assert.doesNotMatch(text, /Seq Scan/, text);
    } finally {
      await mongo.close();
      await postgres.end();
      services.stop();
    }
  });
});
