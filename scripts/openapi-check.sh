#!/usr/bin/env bash
# Fails when docs/api differs from a fresh `npm run openapi` (the documents the apps serve).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent openapi
if ! git diff --quiet --exit-code -- docs/api || [ -n "$(git ls-files --others --exclude-standard docs/api)" ]; then
  echo "docs/api is stale: run 'npm run openapi' and commit the result." >&2
  git --no-pager diff --stat -- docs/api >&2
  exit 1
fi
echo "docs/api matches the apps' OpenAPI documents"
