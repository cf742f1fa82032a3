#!/usr/bin/env bash
# `npm run test:compose` after `npm run build`: podman and podman-compose ready, the stand-ins of
# the public images present (all cached outside the checkout), then the live test of the core of
# docker/compose.yaml (scripts/deploy/compose.live-spec.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/images/podman-env.sh
bash scripts/tools/install-podman-compose.sh
bash scripts/images/stand-in-services.sh
exec node --test --test-timeout=900000 dist/scripts/deploy/compose.live-spec.js
