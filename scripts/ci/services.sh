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
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")

pick_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  mkdir -p "$dir"; chmod 777 "$dir"
  local pg_port mongo_port redis_port
  pg_port=$(pick_port); mongo_port=$(pick_port); redis_port=$(pick_port)
  as_pg "$PG_BIN/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 30 \
    -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 $pg_durability" start >&2
  "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'CREATE DATABASE ferretdb' >&2
  "$TOOLS/bin/ferretdb" --handler=postgresql \
    --postgresql-url="postgres://postgres@127.0.0.1:$pg_port/ferretdb" \
    --listen-addr="127.0.0.1:$mongo_port" --state-dir="$dir" --telemetry=disable --debug-addr=- --log-level=warn \
    >"$dir/ferretdb.log" 2>&1 &
  echo $! >"$dir/ferretdb.pid"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
  for port in "$mongo_port" "$redis_port"; do
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
  done
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$pg_port/postgres"
  echo "export MONGO_URL=mongodb://127.0.0.1:$mongo_port/test"
  echo "export REDIS_URL=redis://127.0.0.1:$redis_port"
  echo "export PG_PORT=$pg_port"
}

stop() {
  [ -f "$dir/ferretdb.pid" ] && kill "$(cat "$dir/ferretdb.pid")" 2>/dev/null || true
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  [ -d "$dir/pg" ] && as_pg "$PG_BIN/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1 || true
}

"$cmd"
