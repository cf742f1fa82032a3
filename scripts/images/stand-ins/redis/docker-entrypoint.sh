#!/bin/bash
# redis-server as user redis, listening on every address with protected mode off, as in the
# official image; any other command runs as given.
set -euo pipefail
if [ "${1:0:1}" = - ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  shift
  exec setpriv --reuid=redis --regid=redis --init-groups \
    redis-server --bind '* -::*' --protected-mode no --dir /data "$@"
fi
exec "$@"
