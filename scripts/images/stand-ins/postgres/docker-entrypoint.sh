#!/bin/bash
# The official image's entrypoint, reduced to what compose.yaml uses: on an empty PGDATA, a
# cluster whose superuser is POSTGRES_USER with POSTGRES_PASSWORD, the database POSTGRES_DB and
# the *.sql files of /docker-entrypoint-initdb.d; then the server on all addresses, as postgres.
set -euo pipefail
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
[ "${1:-}" = postgres ] && shift
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" >"$pwfile"
  "$PG_BIN/initdb" -D "$PGDATA" --username="$user" --pwfile="$pwfile" -E UTF8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo 'host all all all scram-sha-256' >>"$PGDATA/pg_hba.conf"
  printf "listen_addresses = '*'\nunix_socket_directories = '/var/run/postgresql'\n" >>"$PGDATA/postgresql.conf"
  "$PG_BIN/pg_ctl" -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  sql() { psql -v ON_ERROR_STOP=1 -q -h /var/run/postgresql -U "$user" "$@"; }
  [ "$db" = postgres ] || sql -d postgres -c "CREATE DATABASE \"$db\""
  for file in /docker-entrypoint-initdb.d/*.sql; do
    [ -e "$file" ] && { echo "running $file"; sql -d "$db" -f "$file"; }
  done
  "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  echo "PostgreSQL init process complete; ready for start up."
fi
exec "$PG_BIN/postgres" -D "$PGDATA" "$@"
