#!/usr/bin/env bash
# podman-compose 1.6 from PyPI, in a virtual environment in the cache (outside the checkout), linked
# into .tools/bin. It runs docker/compose.yaml with podman where no Docker daemon is; `podman
# compose` is not a command of Debian's podman 4.3.
set -euo pipefail
source "$(dirname "$0")/env.sh"
VERSION=1.6.0
VENV="$CACHE/podman-compose-$VERSION"
# Debian's own interpreter: a pyenv or other shim on PATH may move under the venv.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=$(command -v python3)
if [ ! -x "$VENV/bin/podman-compose" ]; then
  if ! "$PYTHON" -c 'import ensurepip' 2>/dev/null; then
    log "installing python3-venv from Debian"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
  fi
  log "installing podman-compose $VERSION into $VENV"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "podman-compose==$VERSION"
fi
ln -sf "$VENV/bin/podman-compose" "$TOOLS/bin/podman-compose"
log "podman-compose: $("$TOOLS/bin/podman-compose" --version 2>/dev/null | tail -1)"
