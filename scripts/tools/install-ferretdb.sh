#!/usr/bin/env bash
# Builds FerretDB 1.24 from the Go module proxy. A plain `go install` panics at start because the
# release process generates build/version/version.txt; we write that file before building.
set -euo pipefail
source "$(dirname "$0")/env.sh"
VERSION=v1.24.2
BIN="$CACHE/bin/ferretdb-$VERSION"
if [ ! -x "$BIN" ]; then
  command -v go >/dev/null || { log "Go is not installed: cannot build FerretDB"; exit 1; }
  log "building FerretDB $VERSION (about a minute, cached afterwards in $CACHE)"
  dir=$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  src="$CACHE/src/ferretdb-$VERSION"
  rm -rf "$src" && mkdir -p "$(dirname "$src")" && cp -r "$dir" "$src" && chmod -R u+w "$src"
  echo "$VERSION" > "$src/build/version/version.txt"
  (cd "$src" && go build -o "$BIN.tmp" ./cmd/ferretdb) && mv "$BIN.tmp" "$BIN"
fi
ln -sf "$BIN" "$TOOLS/bin/ferretdb"
log "ferretdb: $TOOLS/bin/ferretdb"
