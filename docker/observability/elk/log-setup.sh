#!/bin/sh
# Validated offline only (scripts/observability/logs-pipeline.int.spec.ts): Elasticsearch and
# Kibana cannot be installed on our machines, so this is not run by any test
# (docs/observability.md).
# One-shot set-up of the log pipeline (compose service log-setup, before the log shipper starts):
#   Elasticsearch: the saga-logs ingest pipeline and index template, so the first saga-logs-*
#   index is already typed (trace_id as keyword, level as a number …). Must succeed.
#   Kibana: the "saga logs" data view on saga-logs-*. Best effort: when Kibana is not up within
#   3 minutes the logs still ship; run `docker compose run --rm log-setup` again later.
set -eu
ES=${ELASTICSEARCH_URL:-http://elasticsearch:9200}
KIBANA=${KIBANA_URL:-http://kibana:5601}
DIR=$(dirname "$0")
JSON='content-type: application/json'

curl -fsS -X PUT "$ES/_ingest/pipeline/saga-logs" -H "$JSON" \
  --data-binary "@$DIR/saga-logs.ingest-pipeline.json"
echo
curl -fsS -X PUT "$ES/_index_template/saga-logs" -H "$JSON" \
  --data-binary "@$DIR/saga-logs.index-template.json"
echo

tries=0
until curl -fs "$KIBANA/api/status" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 36 ]; then
    echo "log-setup: Kibana not available at $KIBANA; data view not created (logs still ship)" >&2
    exit 0
  fi
  sleep 5
done
curl -fsS -X POST "$KIBANA/api/data_views/data_view" -H "$JSON" -H 'kbn-xsrf: true' \
  --data-binary "@$DIR/saga-logs.data-view.json" >/dev/null
echo "log-setup: data view \"saga logs\" (saga-logs-*) ready in Kibana"
