#!/usr/bin/env bash
# Article extraction from real pages saved as text, scored against hand labels
# with ../shared/bench/extract/score.py. Usage: scripts/extract.sh [--show]
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=../shared/data/eval/portal-pages
[ -d "$PAGES" ] || { echo "extract.sh: $PAGES not found (needs ../shared/data)" >&2; exit 2; }
swift build -c release --product news-index >/dev/null
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
.build/release/news-index parse --full "$PAGES/pages" >"$OUT/pages.jsonl" 2>"$OUT/issues.txt" || true
grep -v "duplicate id" "$OUT/issues.txt" | grep -v "^parsed " || true
python3 ../shared/bench/extract/score.py "$PAGES/labels.jsonl" "$OUT/pages.jsonl" "$@"
