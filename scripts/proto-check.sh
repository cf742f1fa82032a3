#!/usr/bin/env bash
# Fails when libs/contracts/src/gen differs from a fresh `buf generate` of proto/.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent proto:generate
if ! git diff --quiet --exit-code -- libs/contracts/src/gen || [ -n "$(git ls-files --others --exclude-standard libs/contracts/src/gen)" ]; then
  echo "libs/contracts/src/gen is stale: run 'npm run proto:generate' and commit the result." >&2
  git --no-pager diff --stat -- libs/contracts/src/gen >&2
  exit 1
fi
echo "generated contracts match proto/"
