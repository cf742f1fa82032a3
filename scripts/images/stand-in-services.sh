#!/usr/bin/env bash
# Stand-ins for the public images the core of docker/compose.yaml runs (PostgreSQL, MongoDB, Redis,
# the NGINX base of the gateway image), because no image registry is reachable here. Each is
# tagged with the exact name compose.yaml or a Dockerfile uses and labelled saga.stand-in with a
# hash of its definition (scripts/images/stand-ins/): a warm run builds nothing, a changed
# definition is rebuilt, and a real image of that name (pulled where a registry is) is kept.
#   PostgreSQL, Redis, NGINX: Debian bookworm's packages (PostgreSQL 15, Redis 7.0, NGINX 1.22)
#   MongoDB: FerretDB 1.24 on SQLite (scripts/tools/install-ferretdb.sh)
set -euo pipefail
source "$(dirname "$0")/podman-env.sh"
source "$(dirname "$0")/apt-sources.sh"
DEFS="$ROOT/scripts/images/stand-ins"
BASE=localhost/saga-debian-base:bookworm
SERVICES=localhost/saga-stand-in-services:bookworm

bash "$ROOT/scripts/images/stand-in-base.sh"
bash "$ROOT/scripts/tools/install-ferretdb.sh"
FERRETDB=$(readlink -f "$TOOLS/bin/ferretdb")

# Builds <ref> from stand-ins/<folder> unless the same definition is already there.
build() {
  local ref=$1 folder=$2 want existing old ctx
  shift 2
  want=$(cd "$DEFS" && cat services/Containerfile "$folder"/* | sha256sum | cut -c1-16)
  [ "$folder" = mongo ] && want="$want $(basename "$FERRETDB")"
  existing=$(pm image inspect --format '{{ index .Labels "saga.stand-in" }}' "$ref" 2>/dev/null || echo missing)
  if [ "$existing" = "$want" ]; then log "$ref: stand-in present"; return; fi
  if [ "$existing" = "<no value>" ]; then log "$ref: a real image of that name is present; keeping it"; return; fi
  old=$(pm image inspect --format '{{.Id}}' "$ref" 2>/dev/null || true)
  log "building the $ref stand-in ($folder)"
  ctx=$(mktemp -d /tmp/saga-stand-in.XXXXXX)
  cp -r "$DEFS/$folder/." "$ctx/"
  [ "$folder" = mongo ] && cp "$FERRETDB" "$ctx/ferretdb"
  pm build --quiet --pull=never --network host --format docker --layers \
    --build-arg "BASE=$BASE" --build-arg "SERVICES=$SERVICES" \
    --label "saga.stand-in=$want" "$@" -t "$ref" "$ctx" >/dev/null \
    || { rm -rf "$ctx"; log "building $ref failed"; return 1; }
  rm -rf "$ctx"
  # The previous stand-in, now untagged; kept only if a container still uses it.
  if [ -n "$old" ] && [ "$old" != "$(pm image inspect --format '{{.Id}}' "$ref")" ]; then
    pm rmi "$old" >/dev/null 2>&1 || true
  fi
}

# apt inside the build reads this machine's sources (and CA bundle, for an https mirror).
apt_mounts=()
while read -r file; do apt_mounts+=(--volume "$file:$file:ro"); done < <(apt_source_files)
apt_mounts+=(--volume /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
build "$SERVICES" services "${apt_mounts[@]}"
build docker.io/library/postgres:17.5-bookworm postgres
build docker.io/library/redis:7.4.2-bookworm redis
build docker.io/library/nginx:1.27.3-bookworm nginx
build docker.io/library/mongo:8.0.4 mongo
