#!/usr/bin/env bash
# `npm run test:deploy` after `npm run build`: the offline validation of docker/compose.yaml,
# k8s/ and .github/workflows (schemas, policies, actionlint, deliberate mistakes). Needs kustomize
# (kubectl's or built here), actionlint (built here once) and promtool (Debian's prometheus
# package, installed by scripts/ci/apt-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/deploy/kustomize.sh
bash scripts/tools/install-go-tool.sh actionlint github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
command -v promtool >/dev/null || { echo "promtool missing: apt-get install prometheus" >&2; exit 1; }
exec node --test --test-concurrency=2 "dist/scripts/deploy/*.deploy-spec.js"
