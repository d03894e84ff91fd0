#!/usr/bin/env bash
# The project's benchmarks, measured in the same run as the reference figures
# from ../shared/bench (machines are shared and noisy: each figure is the median
# of --runs alternating runs, and the ratios are what to quote).
#
# What it measures:
#   analyzer  one-thread analysis throughput (MB/s of UTF-8 text: clean, normalize,
#             ICU segmentation, lexicon, bigrams) on the tuning pool, beside
#             ../shared/bench/limits/icu-words (ICU word segmentation alone) on
#             the same files. Target: >= 60 % of the ICU limit.
#
# The tuning pool: CCTV 2022-2025, FinCUGE, THUCNews titles (never the 2026
# evaluation slice).
#
# Usage: scripts/bench.sh [--runs N] [--data DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
data="../shared/data"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--runs N] [--data DIR]" >&2; exit 2 ;;
  esac
done
bench="$(cd "$data/.." && pwd)/bench"
[ -d "$data/news" ] || { echo "bench: $data/news not found (needs ../shared/data)" >&2; exit 2; }
[ -x "$bench/limits/icu-words" ] || { echo "bench: $bench/limits/icu-words not found" >&2; exit 2; }

pool=("$data"/news/cctv/cctv-2022.jsonl "$data"/news/cctv/cctv-2023.jsonl "$data"/news/cctv/cctv-2024.jsonl
      "$data"/news/cctv/cctv-2025.jsonl "$data"/news/fincuge/*.jsonl "$data"/news/thucnews-titles/*.jsonl)

echo "building release binaries..." >&2
swift build -c release >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

ours=(); icu=()
for i in $(seq "$runs"); do
  icu+=("$("$bench/limits/icu-words" "${pool[@]}" | field mb_per_s)")
  ours+=("$(.build/release/news-bench analyze "${pool[@]}" | field mb_per_s)")
done
icu_m=$(printf '%s\n' "${icu[@]}" | median)
ours_m=$(printf '%s\n' "${ours[@]}" | median)
echo
echo "== analyzer throughput, 1 thread, tuning pool (median of $runs runs) =="
printf '%-34s %8s MB/s   runs: %s\n' "ICU word segmentation (limit)" "$icu_m" "${icu[*]}"
printf '%-34s %8s MB/s   runs: %s\n' "news-search analyzer" "$ours_m" "${ours[*]}"
awk -v o="$ours_m" -v l="$icu_m" 'BEGIN { printf "analyzer / ICU limit: %.2f (target >= 0.60)\n", o / l }'
