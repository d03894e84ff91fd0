#!/usr/bin/env bash
# What it measures, on this machine, with the release binaries:
#   build    the tuning pool (CCTV 2022-2025, FinCUGE, THUCNews titles) built as 2 shards by
#            Spark in local mode on 2 cores (spark/run.sh build --shards 2, one news-index
#            thread per shard) against one `news-index --threads 2`; wall-clock seconds, ratio.
#   queries  1,000 keyword queries (scripts/bench.sh's, fixed seed), k = 10, through Spark
#            over the 2 shards (statistics from each shard, then the search on each, then the
#            merge) against `news-search --queries` on the one index; wall-clock seconds of
#            the whole batch, ratio, and whether the lists are identical: Spark's, and
#            `news-search --index shard-000 --index shard-001 --queries` (the same shards as one
#            group), each against the one index, line for line (qid, rank, id, score).
#   counts   every article by month and by source, reprints folded, through Spark over the 2
#            shards against `news-search --by` on the one index; seconds, and whether the
#            tables are identical.
# Spark's own start-up (a JVM, a Python worker per core) is inside its figures: that is
# the overhead a user pays for a batch on one machine.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --static-swift-stdlib --product news-index >&2 && swift build -c release --static-swift-stdlib --product news-search >&2
bin=.build/release
pool=("$data"/news/cctv/cctv-2022.jsonl "$data"/news/cctv/cctv-2023.jsonl "$data"/news/cctv/cctv-2024.jsonl
      "$data"/news/cctv/cctv-2025.jsonl "$data"/news/fincuge/*.jsonl "$data"/news/thucnews-titles/*.jsonl)
now() { date +%s.%N; }

echo "== build: tuning pool, 2 shards on Spark (local[2]) against one news-index --threads 2 =="
t0=$(now); $bin/news-index --quiet --index "$work/one" --threads 2 "${pool[@]}" >/dev/null; t1=$(now)
spark/run.sh build --master 'local[2]' --bin "$bin" --shards 2 --out "$work/shards" "${pool[@]}" >/dev/null 2>&1; t2=$(now)
python3 -c "a=$t1-$t0; b=$t2-$t1; print('news-index: %.1f s  spark 2 shards: %.1f s  ratio %.2f' % (a, b, b / a))"

echo "== queries: 1,000 keyword queries, k = 10, Spark over 2 shards against news-search --queries =="
python3 scripts/bench_queries.py "$data" > "$work/queries.tsv"
t0=$(now); $bin/news-search --index "$work/one" --queries "$work/queries.tsv" --format tsv --limit 10 > "$work/one.tsv"; t1=$(now)
spark/run.sh search --master 'local[2]' --bin "$bin" --shards "$work/shards" --queries "$work/queries.tsv" --limit 10 > "$work/spark.tsv" 2>/dev/null; t2=$(now)
python3 -c "a=$t1-$t0; b=$t2-$t1; print('news-search: %.2f s  spark: %.2f s  ratio %.1f' % (a, b, b / a))"
$bin/news-search --index "$work/shards/shard-000" --index "$work/shards/shard-001" --queries "$work/queries.tsv" --format tsv --limit 10 > "$work/group.tsv"
# Equal scores go by article id everywhere and scores agree to the last bit: any line that differs is a bug.
for run in spark group; do
  if cmp -s "$work/one.tsv" "$work/$run.tsv"; then echo "lists ($run): identical"; else
    echo "lists ($run): $(diff "$work/one.tsv" "$work/$run.tsv" | grep -c '^>') lines differ"; fi
done

echo "== counts: every article by month, then by source, reprints folded, Spark over 2 shards against news-search --by =="
for by in month source; do
  t0=$(now); $bin/news-search --index "$work/one" --by $by --format csv > "$work/one-$by.csv"; t1=$(now)
  spark/run.sh count --master 'local[2]' --bin "$bin" --shards "$work/shards" --by $by > "$work/spark-$by.csv" 2>/dev/null; t2=$(now)
  python3 -c "a=$t1-$t0; b=$t2-$t1; print('--by $by: news-search: %.2f s  spark: %.2f s' % (a, b))"
  if cmp -s "$work/one-$by.csv" "$work/spark-$by.csv"; then echo "table ($by): identical"; else
    echo "table ($by): $(diff "$work/one-$by.csv" "$work/spark-$by.csv" | grep -c '^>') rows differ"; fi
done
