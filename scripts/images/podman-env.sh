#!/usr/bin/env bash
# Sourced: makes podman usable on a machine of our kind (no Docker daemon, no systemd cgroups,
# no default ulimits allowed) and defines `pm`, podman with the settings every caller needs.
# Installs podman, runc, debootstrap and CNI's dnsname plugin from Debian when they are missing.
source "$(dirname "${BASH_SOURCE[0]}")/../tools/env.sh"

missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
command -v debootstrap >/dev/null || missing+=(debootstrap)
# Service-name DNS on compose networks: podman 4.3 on CNI needs the dnsname plugin (and dnsmasq).
[ -x /usr/lib/cni/dnsname ] || missing+=(golang-github-containernetworking-plugin-dnsname)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export CONTAINERS_CONF="$CACHE/images/containers.conf"
mkdir -p "$CACHE/images"
cat >"$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
CONF

pm() { podman --runtime runc "$@"; }
