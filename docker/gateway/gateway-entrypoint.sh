#!/bin/sh
# Renders nginx.conf.template into GATEWAY_RUN_DIR (a tmpfs under a read-only root) and runs NGINX
# there in the foreground. envsubst replaces the five placeholders only, so NGINX's own $variables
# stay intact; pid file, temp folders and config all live in the run folder (the prefix, -p).
set -eu
dir=${GATEWAY_RUN_DIR:-/tmp/gateway}
mkdir -p "$dir"
envsubst '${GATEWAY_HTTP_PORT} ${GATEWAY_GRPC_PORT} ${AUTH_HTTP} ${ORDERS_HTTP} ${ORDERS_GRPC}' \
  </etc/nginx/saga/nginx.conf.template >"$dir/nginx.conf"
exec nginx -p "$dir/" -c "$dir/nginx.conf" -e stderr -g "daemon off; pid $dir/nginx.pid;" "$@"
