#!/usr/bin/env bash
# Debian packages the test servers need: PostgreSQL, Redis, NGINX, Prometheus (promtool), and
# Chromium for the saga console's browser test. Installs only what is missing, so a warm machine
# skips apt entirely. `--check` only prints the missing package names (nothing when all are there).
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v promtool >/dev/null || missing+=(prometheus)
command -v envsubst >/dev/null || missing+=(gettext-base)
[ -x /usr/bin/chromium ] || missing+=(chromium)
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
echo "[apt] postgresql, redis-server, nginx, promtool, envsubst, chromium present"
