#!/usr/bin/env bash
# Article extraction from real pages saved as text, scored against hand labels
# with ../shared/bench/extract/score.py, and its cost.
#
#   scripts/extract.sh [--show]
#
# Prints two scores: the articles as they are indexed (pinyin debris removed),
# and the extraction alone (`parse --keep-debris`), since the labels quote the
# pages as shown, debris included.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=../shared/data/eval/portal-pages
SCORE=../shared/bench/extract/score.py
[ -d "$PAGES" ] || { echo "extract.sh: $PAGES not found (needs ../shared/data)" >&2; exit 2; }
swift build -c release --product news-index >/dev/null
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
BIN=.build/release/news-index

echo "== as indexed (news-index parse --full)"
$BIN parse --full "$PAGES/pages" >"$OUT/indexed.jsonl" 2>"$OUT/issues.txt" || true
grep -v "duplicate id" "$OUT/issues.txt" | grep -v "^parsed " || true
python3 "$SCORE" "$PAGES/labels.jsonl" "$OUT/indexed.jsonl" "$@"

echo "== extraction alone, debris kept (news-index parse --full --keep-debris)"
$BIN parse --full --keep-debris "$PAGES/pages" >"$OUT/shown.jsonl" 2>/dev/null || true
python3 "$SCORE" "$PAGES/labels.jsonl" "$OUT/shown.jsonl" "$@" | tail -1
