#!/bin/bash
# `mongod` becomes FerretDB on SQLite in /data/db, listening on 27017, as user mongodb. As in the
# official image, MONGO_INITDB_ROOT_USERNAME/PASSWORD (when set) become a user of the admin
# database on first start, and then every client must authenticate (SCRAM-SHA-256: FerretDB's
# "new authentication", which 1.24 still calls experimental).
set -euo pipefail
if [ "$(id -u)" = 0 ]; then
  chown -R mongodb:mongodb /data/db
  exec setpriv --reuid=mongodb --regid=mongodb --init-groups "$0" "$@"
fi
if [ "${1:-}" = mongod ]; then
  auth=()
  if [ -n "${MONGO_INITDB_ROOT_USERNAME:-}" ]; then
    auth=(--test-enable-new-auth --setup-database=admin
      "--setup-username=$MONGO_INITDB_ROOT_USERNAME" "--setup-password=${MONGO_INITDB_ROOT_PASSWORD:?}")
  fi
  exec ferretdb --handler=sqlite --sqlite-url=file:/data/db/ --state-dir=/data/db \
    --listen-addr=:27017 --telemetry=disable --debug-addr=- --log-level=warn "${auth[@]}"
fi
exec "$@"
