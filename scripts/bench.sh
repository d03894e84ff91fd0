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
#   index     news-index on the pool with 1 and 2 threads beside Lucene 8 and
#             Lucene 9 CJK, alternating, --runs times each (MB/s of title+body
#             text, medians; peak RSS from /usr/bin/time -v): 1 thread / each
#             Lucene (target >= 1.2), 2 threads / 1 thread (target >= 1.8), the
#             index files identical byte for byte across thread counts; and
#             postings+dictionary bytes beside Lucene-CJK's whole index.
#   ten       the pool replicated ten times with fresh ids (a temporary 450 MB file),
#             indexed with 2 threads beside one more 1x run: throughput ratio
#             (target >= 0.8) and peak RSS (target <= 1 GB).
#   queries   1,000 keyword queries of 1-3 terms (Han pieces of pool headlines,
#             fixed seed), k = 10, 1 thread, in-process p50/p99 beside Tantivy 0.27
#             (target <= 1.0), Lucene 8 and Lucene 9 (target <= 0.5), all on CJK
#             bigrams, alternating in each run; default (OR) and --all (AND).
#   cold      one query (淄博 招商) from a new process over the pool's index, process
#             start to last line: median of 9 with the tools' caches in place
#             (target <= 10 ms), and the first query on a fresh install: the
#             tools' cache folder ($NEWS_SEARCH_CACHE, else $XDG_CACHE_HOME/news-search,
#             else ~/.cache/news-search) emptied before each of 5 runs, median
#             (target <= 50 ms).
#
# The tuning pool: CCTV 2022-2025, FinCUGE, THUCNews titles (never the 2026
# evaluation slice).
#
# Usage: scripts/bench.sh [--runs N] [--data DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
data="../shared/data"
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--runs N] [--data DIR] [--only analyzer|index|ten|queries|cold]" >&2; exit 2 ;;
  esac
done
bench="$(cd "$data/.." && pwd)/bench"
[ -d "$data/news" ] || { echo "bench: $data/news not found (needs ../shared/data)" >&2; exit 2; }
[ -x "$bench/limits/icu-words" ] || { echo "bench: $bench/limits/icu-words not found" >&2; exit 2; }

pool=("$data"/news/cctv/cctv-2022.jsonl "$data"/news/cctv/cctv-2023.jsonl "$data"/news/cctv/cctv-2024.jsonl
      "$data"/news/cctv/cctv-2025.jsonl "$data"/news/fincuge/*.jsonl "$data"/news/thucnews-titles/*.jsonl)

echo "building release binaries..." >&2
swift build -c release --static-swift-stdlib >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

want() { [ -z "$only" ] || [ "$only" = "$1" ]; }
work="${TMPDIR:-/tmp}/news-bench"; mkdir -p "$work"

if want analyzer; then
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
fi

rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
text_bytes=$(python3 - "${pool[@]}" <<'PY'
import json, sys
n = 0
for p in sys.argv[1:]:
    for line in open(p, encoding='utf-8'):
        o = json.loads(line)
        n += len((o.get('title') or '').encode()) + len((o.get('body') or '').encode())
print(n)
PY
)

if want index; then
  echo
  echo "== indexing the pool ($text_bytes bytes of title+body text, $runs alternating runs) =="
  l8=(); l9=(); o1=(); o2=()
  for i in $(seq "$runs"); do
    for engine in lucene lucene9; do
      rm -rf "$work/$engine-cjk"
      ../shared/bench/anchors/$engine index --analyzer cjk --out "$work/$engine-cjk" "${pool[@]}" > "$work/$engine-index.txt"
      echo "$engine: $(cat "$work/$engine-index.txt")"
    done
    l8+=("$(field mb_per_s < "$work/lucene-index.txt")"); l9+=("$(field mb_per_s < "$work/lucene9-index.txt")")
    for t in 1 2; do
      rm -rf "$work/ours-$t"
      start=$(date +%s.%N)
      /usr/bin/time -v -o "$work/time-$t.txt" .build/release/news-index --quiet --index "$work/ours-$t" --threads "$t" "${pool[@]}" >/dev/null
      end=$(date +%s.%N)
      mbs=$(awk -v b="$text_bytes" -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", b / (e - s) / 1e6 }')
      if [ "$t" = 1 ]; then o1+=("$mbs"); else o2+=("$mbs"); fi
      printf 'news-index --threads %d: %s MB/s, peak RSS %s kB\n' "$t" "$mbs" "$(rss "$work/time-$t.txt")"
    done
  done
  lucene_mbs=$(printf '%s\n' "${l8[@]}" | median); lucene9_mbs=$(printf '%s\n' "${l9[@]}" | median)
  mbs_1=$(printf '%s\n' "${o1[@]}" | median); mbs_2=$(printf '%s\n' "${o2[@]}" | median)
  printf '%-26s %8s MB/s   runs: %s\n' "Lucene 8 CJK" "$lucene_mbs" "${l8[*]}" "Lucene 9 CJK" "$lucene9_mbs" "${l9[*]}" \
    "news-index --threads 1" "$mbs_1" "${o1[*]}" "news-index --threads 2" "$mbs_2" "${o2[*]}"
  lucene_bytes=$(sed -n 's/.*index_bytes=\([0-9]*\).*/\1/p' "$work/lucene-index.txt")
  .build/release/news-index stats --index "$work/ours-1" | tee "$work/stats.txt"
  dict=$(sed -n 's/^dictionary: *\([0-9]*\).*/\1/p' "$work/stats.txt")
  post=$(sed -n 's/^postings: *\([0-9]*\).*/\1/p' "$work/stats.txt")
  stored=$(sed -n 's/^stored: *\([0-9]*\).*/\1/p' "$work/stats.txt")
  awk -v a="$mbs_1" -v l="$lucene_mbs" 'BEGIN { printf "1 thread / Lucene 8 CJK: %.2f (target >= 1.2)\n", a / l }'
  awk -v a="$mbs_1" -v l="$lucene9_mbs" 'BEGIN { printf "1 thread / Lucene 9 CJK: %.2f (target >= 1.2)\n", a / l }'
  awk -v a="$mbs_2" -v b="$mbs_1" 'BEGIN { printf "2 threads / 1 thread: %.2f (target >= 1.8)\n", a / b }'
  sums() { (cd "$1" && find . -type f ! -name write.lock -print0 | sort -z | xargs -0 sha256sum); }
  if [ "$(sums "$work/ours-1")" = "$(sums "$work/ours-2")" ]; then same=identical; else same=DIFFERENT; fi
  echo "index files, --threads 1 vs 2: $same ($(sums "$work/ours-1" | sha256sum | cut -c1-16))"
  awk -v p="$post" -v d="$dict" -v l="$lucene_bytes" 'BEGIN { printf "postings+dictionary / Lucene-CJK index: %.2f (target <= 1.0)\n", (p + d) / l }'
  awk -v s="$stored" -v t="$text_bytes" 'BEGIN { printf "stored articles / raw text: %.2f (target <= 0.5)\n", s / t }'
fi

if want ten; then
  echo
  echo "== the pool ten times (fresh ids), 2 threads =="
  python3 - "$work/pool10.jsonl" "${pool[@]}" <<'PY'
import json, sys
rows = []
for p in sys.argv[2:]:
    with open(p, encoding='utf-8') as f:
        rows += [json.loads(l) for l in f if l.strip()]
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    for r in range(10):
        for i, o in enumerate(rows):
            o = dict(o); o['id'] = 'r%d-%s' % (r, o.get('id') or i)
            out.write(json.dumps(o, ensure_ascii=False) + '\n')
PY
  rm -rf "$work/ours-one"
  start=$(date +%s.%N)
  .build/release/news-index --quiet --index "$work/ours-one" --threads 2 "${pool[@]}" >/dev/null
  end=$(date +%s.%N)
  one=$(awk -v b="$text_bytes" -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", b / (e - s) / 1e6 }')
  rm -rf "$work/ours-ten"
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/time-ten.txt" .build/release/news-index --quiet --index "$work/ours-ten" --threads 2 "$work/pool10.jsonl" >/dev/null
  end=$(date +%s.%N)
  ten=$(awk -v b="$text_bytes" -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", 10 * b / (e - s) / 1e6 }')
  rm -f "$work/pool10.jsonl"; rm -rf "$work/ours-one" "$work/ours-ten"
  printf 'news-index 1x: %s MB/s; 10x: %s MB/s, peak RSS %s kB\n' "$one" "$ten" "$(rss "$work/time-ten.txt")"
  awk -v a="$ten" -v b="$one" 'BEGIN { printf "10x / 1x throughput: %.2f (target >= 0.8)\n", a / b }'
fi

if want queries; then
  echo
  echo "== 1,000 keyword queries, k = 10 =="
  [ -d "$work/ours-1" ] || .build/release/news-index --quiet --index "$work/ours-1" --threads 2 "${pool[@]}" >/dev/null
  [ -d "$work/lucene-cjk" ] || ../shared/bench/anchors/lucene index --analyzer cjk --out "$work/lucene-cjk" "${pool[@]}" >/dev/null
  [ -d "$work/lucene9-cjk" ] || ../shared/bench/anchors/lucene9 index --analyzer cjk --out "$work/lucene9-cjk" "${pool[@]}" >/dev/null
  [ -d "$work/tantivy-cjk" ] || python3 ../shared/bench/anchors/tantivy_anchor.py index --out "$work/tantivy-cjk" "${pool[@]}" >/dev/null
  python3 scripts/bench_queries.py "$data" > "$work/queries.tsv"
  # Each run times the four engines one after another, so that noise from the other
  # sessions on the machine falls on all of them alike; the medians are per engine.
  for mode in or and; do
    flag=""; [ "$mode" = and ] && flag="--all"
    ours50=(); ours99=(); luc50=(); luc99=(); l9_50=(); l9_99=(); tv50=(); tv99=()
    for i in $(seq "$runs"); do
      ours_line=$(.build/release/news-search --index "$work/ours-1" --queries "$work/queries.tsv" --format tsv --timing $flag 2>&1 >/dev/null | tail -1)
      lucene_line=$(../shared/bench/anchors/lucene search --analyzer cjk --index "$work/lucene-cjk" --queries "$work/queries.tsv" --k 10 --op "$mode")
      l9_line=$(../shared/bench/anchors/lucene9 search --analyzer cjk --index "$work/lucene9-cjk" --queries "$work/queries.tsv" --k 10 --op "$mode")
      tv_line=$(python3 ../shared/bench/anchors/tantivy_anchor.py search --index "$work/tantivy-cjk" --queries "$work/queries.tsv" --k 10 --op "$mode")
      echo "news-search ($mode): $ours_line"
      echo "lucene8-cjk ($mode): $lucene_line"
      echo "lucene9-cjk ($mode): $l9_line"
      echo "tantivy-cjk ($mode): $tv_line"
      ours50+=("$(echo "$ours_line" | field p50_us)"); ours99+=("$(echo "$ours_line" | field p99_us)")
      luc50+=("$(echo "$lucene_line" | field p50_us)"); luc99+=("$(echo "$lucene_line" | field p99_us)")
      l9_50+=("$(echo "$l9_line" | field p50_us)"); l9_99+=("$(echo "$l9_line" | field p99_us)")
      tv50+=("$(echo "$tv_line" | field p50_us)"); tv99+=("$(echo "$tv_line" | field p99_us)")
    done
    med() { printf '%s\n' "$@" | median; }
    # ratio MODE PCT ANCHOR TARGET OURS ANCHOR_MEDIAN
    ratio() {
      awk -v m="$1" -v p="$2" -v n="$3" -v t="$4" -v a="$5" -v l="$6" -v r="$runs" \
        'BEGIN { printf "%s %s / %s (medians of %d alternating runs): %s / %s us = %.2f (target %s)\n", m, p, n, r, a, l, a / l, t }'
    }
    o50=$(med "${ours50[@]}"); o99=$(med "${ours99[@]}")
    ratio "$mode" p50 tantivy "<= 1.0" "$o50" "$(med "${tv50[@]}")"
    ratio "$mode" p99 tantivy "<= 1.0" "$o99" "$(med "${tv99[@]}")"
    ratio "$mode" p50 lucene8 "<= 0.5" "$o50" "$(med "${luc50[@]}")"
    ratio "$mode" p99 lucene8 "<= 0.5" "$o99" "$(med "${luc99[@]}")"
    ratio "$mode" p50 lucene9 "<= 0.5" "$o50" "$(med "${l9_50[@]}")"
    ratio "$mode" p99 lucene9 "<= 0.5" "$o99" "$(med "${l9_99[@]}")"
  done
fi

if want cold; then
  echo
  echo "== one query from a new process =="
  [ -d "$work/ours-1" ] || .build/release/news-index --quiet --index "$work/ours-1" --threads 2 "${pool[@]}" >/dev/null
  cache="${NEWS_SEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/news-search}"
  # Bash's own clock (no `date` process inside the interval), in tenths of a millisecond.
  once() {
    local s=$EPOCHREALTIME
    .build/release/news-search --index "$work/ours-1" 淄博 招商 >/dev/null
    local e=$EPOCHREALTIME
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%d\n", (e - s) * 10000 + 0.5 }'
  }
  tenths() { awk '{ printf "%.1f ", $1 / 10 }'; }
  once >/dev/null
  cold=(); for i in $(seq 9); do cold+=("$(once)"); done
  fresh=(); for i in $(seq 5); do rm -rf "$cache"; fresh+=("$(once)"); done
  once >/dev/null
  echo "cold single query (process start to last line), median of 9: $(printf '%s\n' "${cold[@]}" | median | tenths)ms (target <= 10); runs: $(printf '%s\n' "${cold[@]}" | tenths)"
  echo "first query on a fresh install ($cache emptied), median of 5: $(printf '%s\n' "${fresh[@]}" | median | tenths)ms (target <= 50); runs: $(printf '%s\n' "${fresh[@]}" | tenths)"
fi
