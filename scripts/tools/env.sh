# Sourced by the tool scripts: where tools live and where slow builds are cached.
# The cache sits outside the checkout so a fresh clone on the same machine reuses it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
CACHE="${SAGA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/saga-workspace}"
export GOPATH="$CACHE/go" GOCACHE="$CACHE/go-build" GOFLAGS="-modcacherw"
mkdir -p "$TOOLS/bin" "$CACHE/bin"
log() { printf '[tools] %s\n' "$*" >&2; }
