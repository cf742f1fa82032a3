#!/usr/bin/env bash
# Sourced: makes `kustomize build` available to the validation suite offline. Uses kubectl's
# built-in kustomize when kubectl is installed; otherwise builds kustomize from the Go module
# proxy once (about a minute, cached) and exports KUSTOMIZE.
source "$(dirname "${BASH_SOURCE[0]}")/../tools/env.sh"
KUSTOMIZE_VERSION=v5.5.0
if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then
  log "kustomize: kubectl's built-in ($(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: //p'))"
else
  bin="$CACHE/bin/kustomize-$KUSTOMIZE_VERSION"
  if [ ! -x "$bin" ]; then
    command -v go >/dev/null || { log "neither kubectl nor Go: cannot get kustomize"; return 1; }
    log "building kustomize $KUSTOMIZE_VERSION from the Go module proxy (cached in $CACHE)"
    GOBIN="$CACHE/bin/kustomize-build" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
    mv "$CACHE/bin/kustomize-build/kustomize" "$bin"
  fi
  export KUSTOMIZE="$bin"
  log "kustomize: $bin"
fi
