#!/usr/bin/env bash
# `npm run test:images` after `npm run build`: podman ready, the base image's stand-in present
# (both cached), then the image checks in dist/scripts/images/images.live-spec.js (node:test). Needs DATABASE_URL,
# MONGO_URL and REDIS_URL of real servers (.ci/run starts them).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/images/podman-env.sh
bash scripts/images/stand-in-base.sh
exec node --test --test-timeout=1200000 dist/scripts/images/images.live-spec.js
