#!/usr/bin/env bash
# Builds a Go tool from the Go module proxy into the shared cache once, then links it into .tools/bin.
# Usage: install-go-tool.sh <name> <module/path/cmd@version>
set -euo pipefail
source "$(dirname "$0")/env.sh"
name=$1 module=$2
version=${module##*@}
BIN="$CACHE/bin/$name-$version"
if [ ! -x "$BIN" ]; then
  command -v go >/dev/null || { log "Go is not installed: cannot build $name"; exit 1; }
  log "building $name $version from the Go module proxy (cached afterwards)"
  tmp=$(mktemp -d)
  GOBIN="$tmp" go install "$module"
  mv "$tmp"/* "$BIN" && rm -rf "$tmp"
fi
ln -sf "$BIN" "$TOOLS/bin/$name"
log "$name: $TOOLS/bin/$name"
