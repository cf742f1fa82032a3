#!/usr/bin/env bash
# `npm run test:deploy` after `npm run build`: the offline validation of docker/compose.yaml and
# k8s/ (schemas, policies, deliberate mistakes). Needs kustomize (kubectl's or built here) and
# promtool (Debian's prometheus package, installed by scripts/ci/apt-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/deploy/kustomize.sh
command -v promtool >/dev/null || { echo "promtool missing: apt-get install prometheus" >&2; exit 1; }
exec node --test --test-concurrency=2 "dist/scripts/deploy/*.deploy-spec.js"
