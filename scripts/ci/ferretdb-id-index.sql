-- FerretDB 1.24 on PostgreSQL finds a document by `_id` with `_jsonb->'_id' @> value`, but indexes
-- `_id` with a btree on `_jsonb->'_id'`, which cannot serve `@>`: every lookup by `_id` scans
-- the whole collection, so payments' reads (refunds, replays) cost more with every order stored
-- (the soak's latency grew with the data; docs/performance.md). MongoDB, which production runs,
-- answers them from its `_id` index. This gives each collection FerretDB creates the index its
-- lookups can use, so the tests' and benchmarks' stand-in behaves like the real store.
CREATE FUNCTION index_ferretdb_ids() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN SELECT objid, object_identity FROM pg_event_trigger_ddl_commands()
                  WHERE command_tag = 'CREATE TABLE' LOOP
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = created.objid AND attname = '_jsonb') THEN
      EXECUTE format('CREATE INDEX ON %s USING gin ((_jsonb -> ''_id'') jsonb_path_ops)',
                     created.object_identity);
    END IF;
  END LOOP;
END $$;
CREATE EVENT TRIGGER index_ferretdb_ids ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION index_ferretdb_ids();
