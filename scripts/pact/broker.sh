#!/usr/bin/env bash
# Talks to the Pact Broker: `publish` uploads pacts/ as this commit's consumer version,
# `can-i-deploy` asks whether every pacticipant at this commit is compatible with what runs in
# $PACT_ENVIRONMENT (default production). Needs PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN; without
# them it prints one line saying it skipped and exits 0, so forks and local runs stay green.
set -euo pipefail
cd "$(dirname "$0")/../.."
command=${1:-}
case "$command" in
  publish | can-i-deploy) ;;
  *)
    echo "usage: $0 publish|can-i-deploy" >&2
    exit 2
    ;;
esac
if [ -z "${PACT_BROKER_BASE_URL:-}" ] || [ -z "${PACT_BROKER_TOKEN:-}" ]; then
  echo "pact broker: skipped $command: PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN are not both set (see docs/contracts.md)"
  exit 0
fi
version=${PACT_VERSION:-$(git rev-parse HEAD)}
branch=${PACT_BRANCH:-$(git rev-parse --abbrev-ref HEAD)}
# The broker client is fetched on demand: it is needed only where a broker is configured.
broker=(npx --yes @pact-foundation/pact-cli@18 pact-broker)
case "$command" in
  publish)
    "${broker[@]}" publish pacts --consumer-app-version "$version" --branch "$branch"
    ;;
  can-i-deploy)
    for pacticipant in orders payments auth; do
      "${broker[@]}" can-i-deploy --pacticipant "$pacticipant" --version "$version" \
        --to-environment "${PACT_ENVIRONMENT:-production}" \
        --retry-while-unknown 6 --retry-interval 10
    done
    ;;
esac
