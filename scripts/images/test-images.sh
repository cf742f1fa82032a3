#!/usr/bin/env bash
# `npm run test:images` after `npm run build`: podman ready, the base image's stand-in present
# (both cached), then the image checks in dist/scripts/images/test-images.js. Needs DATABASE_URL,
# MONGO_URL and REDIS_URL of real servers (.ci/run starts them).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/images/podman-env.sh
bash scripts/images/stand-in-base.sh
exec node dist/scripts/images/test-images.js "$@"
