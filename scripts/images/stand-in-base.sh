#!/usr/bin/env bash
# Makes a local stand-in for the public base image our Dockerfile names, because no image
# registry is reachable here: a debootstrap'd Debian bookworm (localhost/saga-debian-base, also
# the base of scripts/images/stand-in-services.sh) with this repo's Node 24 and npm, tagged with
# the exact FROM name. Both images stay in podman's store and the debootstrap tree is
# kept as a tarball in the cache, so a warm run does nothing. A real image of that name (pulled on
# a machine that can) is never replaced.
set -euo pipefail
source "$(dirname "$0")/podman-env.sh"
source "$(dirname "$0")/apt-sources.sh"
# Renamed when debootstrap's leftovers started being removed: an older base named the mirror.
BASE=localhost/saga-debian-base:bookworm
STAND_IN=docker.io/library/node:24-bookworm-slim
TARBALL="$CACHE/images/debian-bookworm-minbase-clean.tar"
# This repo's Node 24 (.tools, installed by scripts/tools/install-node.sh), else the one on PATH.
NODE_BIN=$(readlink -f "$ROOT/.tools/bin/node")
[ -x "$NODE_BIN" ] || NODE_BIN=$(readlink -f "$(command -v node)")
NODE_VERSION=$("$NODE_BIN" --version)
# What the stand-in is made of: a stand-in of another Node or from an older base is rebuilt.
WANT="$NODE_VERSION on $BASE"

if ! pm image exists "$BASE"; then
  if [ ! -s "$TARBALL" ]; then
    log "debootstrap bookworm minbase (one to three minutes, cached in $TARBALL)"
    tree=$(mktemp -d /tmp/saga-debootstrap.XXXXXX)
    # The mirror is the one this machine's apt uses: none is written in the repository.
    mirror=$(debian_mirror)
    debootstrap --variant=minbase bookworm "$tree" "$mirror" >"$CACHE/images/debootstrap.log" 2>&1 \
      || { tail -20 "$CACHE/images/debootstrap.log" >&2; rm -rf "$tree"; exit 1; }
    # debootstrap's log and the sources file it writes name the mirror: builds that need apt
    # bind-mount the host's sources instead (scripts/images/stand-in-services.sh).
    rm -rf "$tree"/var/cache/apt/archives/*.deb "$tree"/var/cache/apt/*.bin "$tree"/var/lib/apt/lists/* \
      "$tree"/var/log/bootstrap.log "$tree"/etc/apt/sources.list "$tree"/etc/apt/sources.list.d/*
    host=$(printf '%s\n' "$mirror" | sed -E 's#^[a-z]+://([^/:]+).*#\1#')
    if left=$(grep -rIl --fixed-strings "$host" "$tree/etc" "$tree/var" 2>/dev/null | head -5) && [ -n "$left" ]; then
      log "the bootstrapped tree still names the mirror in: $left"; rm -rf "$tree"; exit 1
    fi
    tar -C "$tree" -cf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL"
    rm -rf "$tree"
  fi
  log "importing $BASE"
  pm import --quiet "$TARBALL" "$BASE" >/dev/null
fi

existing=$(pm image inspect --format '{{ index .Labels "saga.stand-in.node" }}' "$STAND_IN" 2>/dev/null || echo missing)
if [ "$existing" = "$WANT" ]; then
  log "$STAND_IN: stand-in with Node $NODE_VERSION present"
  exit 0
fi
if [ "$existing" = "<no value>" ]; then
  log "$STAND_IN: a real image of that name is present; keeping it"
  exit 0
fi

log "building $STAND_IN stand-in (Node $NODE_VERSION)"
ctx=$(mktemp -d /tmp/saga-stand-in.XXXXXX)
trap 'rm -rf "$ctx"' EXIT
cp "$NODE_BIN" "$ctx/node"
# The npm that runs here (a package folder, wherever the machine installed it).
cp -r "$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)" "$ctx/npm"
cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca-certificates.crt"
# Mirrors the official image: node and npm under /usr/local, user node (uid 1000). Only the CA
# settings are ours: this machine reaches the npm registry through its own certificate authority.
cat >"$ctx/Containerfile" <<CONTAINERFILE
FROM $BASE
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt npm_config_cafile=/etc/ssl/certs/ca-certificates.crt
LABEL saga.stand-in.node="$WANT"
CMD ["node"]
CONTAINERFILE
pm build --quiet --pull=never --network host -t "$STAND_IN" "$ctx" >/dev/null
log "$STAND_IN: stand-in built ($(pm run --rm --network host "$STAND_IN" node --version), npm $(pm run --rm --network host "$STAND_IN" npm --version))"
