#!/usr/bin/env bash
# Builds an OpenTelemetry Collector with the OpenTelemetry Collector Builder (ocb) from the Go
# module proxy: the core components our tests run (OTLP receiver, memory_limiter and batch
# processors, debug and otlp exporters) and both confmap providers (file alone fails with
# "DefaultScheme not found"). No prebuilt collector distribution is reachable here, and the
# contrib components of docker/observability/otel-collector.yaml (prometheus exporter,
# health_check) are left out: the test runs the part of that file this build supports.
# About 2.5 minutes on 2 cores at a low CPU priority; cached afterwards.
set -euo pipefail
source "$(dirname "$0")/env.sh"
VERSION=0.165.0
# The stable modules (confmap providers) are versioned apart from the collector's 0.x line.
STABLE=1.71.0
BIN="$CACHE/bin/otelcol-saga-$VERSION"
if [ ! -x "$BIN" ]; then
  bash "$(dirname "$0")/install-go-tool.sh" otelcol-builder "go.opentelemetry.io/collector/cmd/builder@v$VERSION"
  log "building an OpenTelemetry Collector $VERSION with the builder (about 2.5 minutes, cached in $CACHE)"
  work="$CACHE/src/otelcol-saga-$VERSION"
  rm -rf "$work" && mkdir -p "$work"
  cat >"$work/manifest.yaml" <<MANIFEST
dist:
  name: otelcol-saga
  description: OpenTelemetry Collector for the saga workspace's tests
  output_path: $work/out
  version: $VERSION
receivers:
  - gomod: go.opentelemetry.io/collector/receiver/otlpreceiver v$VERSION
processors:
  - gomod: go.opentelemetry.io/collector/processor/batchprocessor v$VERSION
  - gomod: go.opentelemetry.io/collector/processor/memorylimiterprocessor v$VERSION
exporters:
  - gomod: go.opentelemetry.io/collector/exporter/debugexporter v$VERSION
  - gomod: go.opentelemetry.io/collector/exporter/otlpexporter v$VERSION
providers:
  - gomod: go.opentelemetry.io/collector/confmap/provider/envprovider v$STABLE
  - gomod: go.opentelemetry.io/collector/confmap/provider/fileprovider v$STABLE
MANIFEST
  nice -n 19 "$TOOLS/bin/otelcol-builder" --config "$work/manifest.yaml" >"$work/build.log" 2>&1 \
    || { tail -30 "$work/build.log" >&2; exit 1; }
  mv "$work/out/otelcol-saga" "$BIN"
  rm -rf "$work"
fi
ln -sf "$BIN" "$TOOLS/bin/otelcol"
log "otelcol: $TOOLS/bin/otelcol"
