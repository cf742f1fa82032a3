#!/usr/bin/env bash
# Starts the real servers the tests use, in a throwaway folder, and prints `export` lines for
# DATABASE_URL, MONGO_URL and REDIS_URL. Usage: eval "$(scripts/ci/services.sh start DIR)";
# scripts/ci/services.sh stop DIR. Nothing is left running after `stop`.
# PostgreSQL skips fsync and waits for no WAL flush at commit (tests need no durability and run
# faster); `start DIR durable` keeps PostgreSQL's own defaults (fsync and synchronous_commit on),
# as production runs it: the benchmark asks for that.
set -euo pipefail
source "$(dirname "$0")/../tools/env.sh"
cmd=$1 dir=$2 mode=${3:-fast}
case "$mode" in
  fast) pg_durability="-c fsync=off -c synchronous_commit=off" ;;
  durable) pg_durability="-c fsync=on -c synchronous_commit=on" ;;
  *) echo "services.sh: unknown mode '$mode' (fast or durable)" >&2; exit 2 ;;
esac
FERRETDB=${FERRETDB_BIN:-$TOOLS/bin/ferretdb}
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")

pick_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# As root, PostgreSQL runs as the postgres user, which cannot reach into a folder made by
# mktemp (mode 700, root's): its data, socket and log then go in a folder of its own, named in
# "$dir/pgdata" so that stop finds it.
pg_dir() { if [ -f "$dir/pgdata" ]; then cat "$dir/pgdata"; else echo "$dir/pg"; fi; }

# Fails the start (non-zero, the server's log on stderr, what started stopped) unless the server
# accepts connections on its port within 10 s.
wait_for() {
  local name=$1 port=$2 log=$3
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0; sleep 0.1; done
  echo "services.sh: $name did not come up on port $port; its log ($log):" >&2
  cat "$log" >&2 2>/dev/null || echo "(no log)" >&2
  stop
  exit 1
}

start() {
  [ -x "$FERRETDB" ] || {
    echo "services.sh: no FerretDB at $FERRETDB: run bash scripts/tools/install-ferretdb.sh" >&2
    exit 1
  }
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then as_pg mktemp -d "${TMPDIR:-/tmp}/saga-pg.XXXXXX" >"$dir/pgdata"; fi
  local pg_port mongo_port redis_port pg
  pg=$(pg_dir)
  pg_port=$(pick_port); mongo_port=$(pick_port); redis_port=$(pick_port)
  as_pg "$PG_BIN/initdb" -D "$pg/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; stop; exit 1; }
  as_pg "$PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/pg.log" -w -t 30 \
    -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1 -c max_connections=300 $pg_durability" start >&2 \
    || { cat "$pg/pg.log" >&2; stop; exit 1; }
  "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'CREATE DATABASE ferretdb' >&2
  "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d ferretdb -q -v ON_ERROR_STOP=1 \
    -f "$(dirname "$0")/ferretdb-id-index.sql" >&2
  # A findAndModify holds two of FerretDB's PostgreSQL connections at once (its query, then the
  # update's transaction): clients get maxPoolSize=20 in MONGO_URL, so two test files' apps at
  # once need at most 80 of the 100 here (see FERRET_SQLITE_POOL in libs/platform).
  "$FERRETDB" --handler=postgresql \
    --postgresql-url="postgres://postgres@127.0.0.1:$pg_port/ferretdb?pool_max_conns=100" \
    --listen-addr="127.0.0.1:$mongo_port" --state-dir="$dir" --telemetry=disable --debug-addr=- --log-level=warn \
    >"$dir/ferretdb.log" 2>&1 &
  echo $! >"$dir/ferretdb.pid"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
  wait_for FerretDB "$mongo_port" "$dir/ferretdb.log"
  wait_for Redis "$redis_port" "$dir/redis.log"
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$pg_port/postgres"
  echo "export MONGO_URL=mongodb://127.0.0.1:$mongo_port/test?maxPoolSize=20"
  echo "export REDIS_URL=redis://127.0.0.1:$redis_port"
  echo "export PG_PORT=$pg_port"
}

stop() {
  [ -f "$dir/ferretdb.pid" ] && kill "$(cat "$dir/ferretdb.pid")" 2>/dev/null || true
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  local pg
  pg=$(pg_dir)
  [ -d "$pg/data" ] && as_pg "$PG_BIN/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1 || true
  if [ -f "$dir/pgdata" ]; then rm -rf "$pg" "$dir/pgdata"; fi
}

"$cmd"
