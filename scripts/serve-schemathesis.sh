#!/usr/bin/env bash
# Runs schemathesis (PyPI) against the service's own OpenAPI document: indexes the sample
# corpus into a temporary folder, starts `news-search serve` on a free port, and lets
# schemathesis generate requests for every operation, checking that no answer is a server
# error and that every answer matches the document (status codes, content types, schemas).
# Usage: scripts/serve-schemathesis.sh [BIN_DIR]   (default .build/debug)
# Exit: 0 passed, 1 failed, 77 schemathesis is not installed (pip install schemathesis).
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug}
command -v schemathesis >/dev/null || { echo "serve-schemathesis: skipped: schemathesis is not installed (pip install schemathesis)"; exit 77; }
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
"$bin/news-index" --quiet --index "$work/index" corpus >/dev/null || exit 1
"$bin/news-search" serve --index "$work/index" --port 0 >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  url=$(sed -n 's/^serving .* at \(http:[^ ]*\)$/\1/p' "$work/log"); [ -n "$url" ] && break; sleep 0.1
done
[ -n "$url" ] || { echo "serve-schemathesis: the server did not start"; cat "$work/log"; exit 1; }
# From the temporary folder: schemathesis keeps a cache folder where it runs.
cd "$work" && schemathesis run "$url/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-60}" --seed 25 --no-color
