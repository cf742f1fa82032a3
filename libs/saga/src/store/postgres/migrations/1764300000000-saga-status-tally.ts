import type { MigrationInterface, QueryRunner } from 'typeorm';

// Literal, not the engine's TERMINAL_STATUSES: a migration must mean the same forever.
const STATUSES = `'COMPLETED', 'REJECTED', 'COMPENSATED'`;
const TERMINAL = `(${STATUSES})`;
/**
 * Concurrent sagas ending with the same status update different rows: at 300 ends a second, each
 * holding its row from the transition to its commit, one row per status would queue them.
 */
const SHARDS = 16;
const shardOf = (id: string) => `get_byte(uuid_send(${id}), 15) % ${SHARDS}`;

/**
 * Per-status counts that cost the same at a million sagas as at a hundred. Terminal sagas — all
 * but a few — are tallied in `saga_status_tally` by triggers, in the statement that changes a
 * status, so a count can never disagree with the rows. Unfinished sagas (few by nature: in flight
 * or waiting for a person) are counted exactly from saga_instances_status_created.
 *
 * Why triggers rather than the engine's own statements: every writer of saga_instances keeps the
 * tally (the engine's transitions, the operator's, a person's fix by hand, archival), and the
 * engine's SQL is unchanged. Inserts and deletes are tallied per statement (a bulk load or purge
 * adds each count once); a status change per row, and only when it enters or leaves a terminal
 * status, so the engine's other writes (renewals, claims, steps) pay nothing. A single UPDATE
 * that moves hundreds of thousands of sagas in one transaction touches each tally row that often:
 * run such a fix in batches.
 */
export class SagaStatusTally1764300000000 implements MigrationInterface {
  name = 'SagaStatusTally1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    // Small rows updated in place: room on the page keeps every update HOT.
    await runner.query(`
      CREATE TABLE saga_status_tally (
        status varchar(16) NOT NULL,
        shard smallint NOT NULL,
        total bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (status, shard)
      ) WITH (fillfactor = 50)`);
    await runner.query(`INSERT INTO saga_status_tally (status, shard)
      SELECT status, shard FROM unnest(ARRAY[${STATUSES}]) AS status,
        generate_series(0, ${SHARDS - 1}) AS shard`);
    await runner.query(`CREATE FUNCTION saga_status_tally_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ${TERMINAL} THEN
          UPDATE saga_status_tally SET total = total - 1
           WHERE status = OLD.status AND shard = ${shardOf('OLD.id')};
        END IF;
        IF NEW.status IN ${TERMINAL} THEN
          UPDATE saga_status_tally SET total = total + 1
           WHERE status = NEW.status AND shard = ${shardOf('NEW.id')};
        END IF;
        RETURN NULL;
      END $$`);
    await runner.query(tallyStatementFunction('saga_status_tally_inserted', 'added', '+'));
    await runner.query(tallyStatementFunction('saga_status_tally_deleted', 'removed', '-'));
    await runner.query(`CREATE FUNCTION saga_status_tally_truncated() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE saga_status_tally SET total = 0;
        RETURN NULL;
      END $$`);
    await runner.query(`CREATE TRIGGER saga_status_tally_update
      AFTER UPDATE OF status ON saga_instances FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status
        AND (OLD.status IN ${TERMINAL} OR NEW.status IN ${TERMINAL}))
      EXECUTE FUNCTION saga_status_tally_changed()`);
    await runner.query(`CREATE TRIGGER saga_status_tally_insert
      AFTER INSERT ON saga_instances REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION saga_status_tally_inserted()`);
    await runner.query(`CREATE TRIGGER saga_status_tally_delete
      AFTER DELETE ON saga_instances REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION saga_status_tally_deleted()`);
    await runner.query(`CREATE TRIGGER saga_status_tally_truncate
      AFTER TRUNCATE ON saga_instances
      FOR EACH STATEMENT EXECUTE FUNCTION saga_status_tally_truncated()`);
    // The sagas so far. The triggers above already hold writers off until this commits.
    await runner.query(`UPDATE saga_status_tally t SET total = n.total
      FROM (SELECT status, ${shardOf('id')} AS shard, count(*) AS total FROM saga_instances
             WHERE status IN ${TERMINAL} GROUP BY 1, 2) n
      WHERE t.status = n.status AND t.shard = n.shard`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of ['update', 'insert', 'delete', 'truncate']) {
      await runner.query(`DROP TRIGGER saga_status_tally_${name} ON saga_instances`);
    }
    for (const name of ['changed', 'inserted', 'deleted', 'truncated']) {
      await runner.query(`DROP FUNCTION saga_status_tally_${name}()`);
    }
    await runner.query('DROP TABLE saga_status_tally');
  }
}

/** A statement trigger's function: the statement's rows counted once, per status and shard. */
function tallyStatementFunction(name: string, rows: string, sign: '+' | '-'): string {
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE saga_status_tally t SET total = t.total ${sign} n.total
        FROM (SELECT status, ${shardOf('id')} AS shard, count(*) AS total FROM ${rows}
               WHERE status IN ${TERMINAL} GROUP BY 1, 2) n
       WHERE t.status = n.status AND t.shard = n.shard;
      RETURN NULL;
    END $$`;
}
