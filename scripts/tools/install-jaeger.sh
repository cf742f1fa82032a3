#!/usr/bin/env bash
# Builds Jaeger v2 (the all-in-one `jaeger` binary: OTLP in, memory storage, query API) from the
# Go module proxy. `go install` refuses the module (its go.mod has replace directives), so we build
# inside a writable copy of the module folder, as for FerretDB. About 8 minutes on 2 cores, at a
# low CPU priority so whatever runs beside it keeps the machine; cached afterwards.
set -euo pipefail
source "$(dirname "$0")/env.sh"
VERSION=v1.76.0
BIN="$CACHE/bin/jaeger-$VERSION"
if [ ! -x "$BIN" ]; then
  command -v go >/dev/null || { log "Go is not installed: cannot build Jaeger"; exit 1; }
  log "building Jaeger v2 ($VERSION; about 8 minutes, cached afterwards in $CACHE)"
  dir=$(go mod download -json "github.com/jaegertracing/jaeger@$VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  src="$CACHE/src/jaeger-$VERSION"
  rm -rf "$src" && mkdir -p "$(dirname "$src")" && cp -r "$dir" "$src" && chmod -R u+w "$src"
  (cd "$src" && nice -n 19 go build -trimpath -ldflags='-s -w' -o "$BIN.tmp" ./cmd/jaeger) && mv "$BIN.tmp" "$BIN"
  rm -rf "$src"
fi
ln -sf "$BIN" "$TOOLS/bin/jaeger"
log "jaeger: $TOOLS/bin/jaeger"
