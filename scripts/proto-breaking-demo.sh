#!/usr/bin/env bash
# Shows that `npm run proto:breaking` catches a wire-breaking change: in a scratch git repo holding
# today's proto/ as branch main, renumber a field and expect buf to refuse it (exit 100).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/proto" "$root/buf.yaml" "$scratch/"
cd "$scratch"
git init -q -b main && git add . && git -c user.name=ci -c user.email=ci@localhost commit -qm base
sed -i 's/string customer_id = 2;/string customer_id = 12;/' proto/payments/v1/payments.proto
set +e
output=$("$root/node_modules/.bin/buf" breaking --against '.git#branch=main' 2>&1)
code=$?
set -e
if [ "$code" -ne 100 ]; then
  echo "expected buf breaking to fail with exit 100 on a renumbered field, got $code: $output" >&2
  exit 1
fi
echo "buf breaking refuses a renumbered field (exit 100):"
echo "$output" | head -3
