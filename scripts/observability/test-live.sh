#!/usr/bin/env bash
# `npm run test:observability` after `npm run build`: the observability configs run for real.
# Jaeger v2 and the OpenTelemetry Collector are built from the Go module proxy once (about 8 and
# 2.5 minutes on 2 cores, cached outside the checkout); Prometheus and the database exporters are
# Debian's packages (scripts/ci/apt-deps.sh). Needs DATABASE_URL, MONGO_URL and REDIS_URL of real
# servers (.ci/run starts them). Grafana, Elasticsearch, Kibana and Fluent Bit cannot be installed
# here: their configs stay checked offline (docs/observability.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/tools/install-jaeger.sh
bash scripts/tools/install-otelcol.sh
for bin in prometheus prometheus-postgres-exporter prometheus-redis-exporter; do
  command -v "$bin" >/dev/null || { echo "$bin missing: bash scripts/ci/apt-deps.sh" >&2; exit 1; }
done
exec node --test --test-concurrency=1 --test-timeout=300000 \
  dist/scripts/observability/traces.live-spec.js dist/scripts/observability/alerts.live-spec.js
