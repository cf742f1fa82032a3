#!/usr/bin/env bash
# Debian packages the test servers need: PostgreSQL, Redis, NGINX, Prometheus (promtool, and the
# server for the live alert test) with the PostgreSQL and Redis exporters, Chromium for the saga
# console's browser test, and python3-venv for podman-compose (scripts/tools). Installs only what
# is missing, so a warm machine skips apt entirely. `--check` only prints the missing package
# names (nothing when all are there). Go is not among them: Debian's is too old to build FerretDB.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v promtool >/dev/null || missing+=(prometheus)
command -v envsubst >/dev/null || missing+=(gettext-base)
command -v prometheus-postgres-exporter >/dev/null || missing+=(prometheus-postgres-exporter)
command -v prometheus-redis-exporter >/dev/null || missing+=(prometheus-redis-exporter)
/usr/bin/python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
# GitHub's runners bring Chrome (CHROMIUM_PATH); Ubuntu's chromium package is only a snap.
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ "${1:-}" = --check ]; then
  echo "${missing[*]}"
  exit 0
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "[apt] installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "[apt] postgresql, redis-server, nginx, prometheus, promtool, exporters, envsubst, chromium present"
