#!/usr/bin/env bash
# What `npm test`, `npm run chaos` and `npm run bench` need from the system, checked before they
# start: the Debian packages (installed as .ci/run does when we may, else named with the command
# that installs them), then the Go-built tools (FerretDB, Toxiproxy) built once into .tools.
set -euo pipefail
cd "$(dirname "$0")/../.."
missing=$(bash scripts/ci/apt-deps.sh --check)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then
    echo "[tools] installing missing system packages: $missing" >&2
    bash scripts/ci/apt-deps.sh >&2
  else
    echo "[tools] missing system packages: $missing" >&2
    echo "[tools] install them with: sudo bash scripts/ci/apt-deps.sh   (then run this again)" >&2
    exit 1
  fi
fi
command -v go >/dev/null || [ -x .tools/bin/ferretdb ] || {
  echo "[tools] FerretDB and Toxiproxy are built once from the Go module proxy, which needs Go >= 1.24 (none found): install Go, then run this again" >&2
  exit 1
}
bash scripts/tools/install-ferretdb.sh
bash scripts/tools/install-go-tool.sh toxiproxy-server github.com/Shopify/toxiproxy/v2/cmd/server@v2.5.0
