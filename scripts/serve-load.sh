#!/usr/bin/env bash
# Load on `news-search serve` with wrk (Debian), on the tuning pool of scripts/bench.sh:
#   1. the most /search can answer: the benchmark's 1,000 keyword queries (made as bench.sh
#      makes them, seed 4242), 2 wrk threads and 32 connections for 20 s; requests/s and errors;
#   2. half that rate, for latency: wrk has no rate limit (wrk2 has), so each connection waits
#      after each answer (the Lua delay() below) for connections / (rate / 2) seconds, which
#      paces the run at about half the measured rate; the achieved rate and p50/p99 are printed;
#   3. the same paced load while news-index adds a tenth of the pool again under fresh ids, in
#      six batches (six commits, segments merged by size tier, each reopened by the server), counting
#      non-2xx answers and socket errors, which must be zero.
# Server and wrk share the machine's cores. Figures go to stdout; they belong in closing notes.
# Usage: scripts/serve-load.sh [--data DIR]   (needs ../shared/data; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
[ "${1:-}" = --data ] && data=$2
[ -d "$data/news/cctv" ] || { echo "serve-load: skipped: no data at $data" >&2; exit 77; }
command -v wrk >/dev/null || { echo "serve-load: wrk is not installed (apt-get install wrk)" >&2; exit 77; }
swift build -c release --static-swift-stdlib >&2  # as scripts/bench.sh and scripts/readme.py build
bin=.build/release
work=$(mktemp -d)
trap 'kill ${pid:-} ${writer:-} 2>/dev/null; rm -rf "$work"' EXIT
pool=("$data"/news/cctv/cctv-2022.jsonl "$data"/news/cctv/cctv-2023.jsonl "$data"/news/cctv/cctv-2024.jsonl
      "$data"/news/cctv/cctv-2025.jsonl "$data"/news/fincuge/*.jsonl "$data"/news/thucnews-titles/*.jsonl)
echo "indexing the pool..." >&2
"$bin/news-index" --quiet --index "$work/index" --threads 2 "${pool[@]}" >/dev/null
python3 - "$data" "$work/queries.lua" "$work/extra.jsonl" "${pool[@]}" <<'PY'
import json, sys, urllib.parse
sys.path.insert(0, 'scripts')
from bench_queries import queries
paths = ['/search?q=' + urllib.parse.quote(q) for q in queries(sys.argv[1])]
with open(sys.argv[2], 'w') as f:
    f.write('paths = {\n' + ''.join('  "%s",\n' % p for p in paths) + '}\n')
# A tenth of the pool under fresh ids, for the writer of run 3.
n = 0
with open(sys.argv[3], 'w', encoding='utf-8') as out:
    for path in sys.argv[4:]:
        for k, line in enumerate(open(path, encoding='utf-8')):
            if k % 10 == 0:
                r = json.loads(line); r['id'] = 'load-%d' % n; n += 1
                out.write(json.dumps(r, ensure_ascii=False) + '\n')
PY
cat >> "$work/queries.lua" <<'LUA'
local i = 0
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
delay = function() return pause end
done = function(summary, latency, requests)
  io.write(string.format("rate=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
"$bin/news-search" serve --index "$work/index" --port 0 >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 200); do url=$(sed -n 's/^serving .* at \(http:[^ ]*\)$/\1/p' "$work/log"); [ -n "$url" ] && break; sleep 0.1; done
[ -n "$url" ] || { cat "$work/log" >&2; exit 1; }
curl -sf "$url/status" >&2; echo >&2
wrk -t2 -c32 -d5s -s "$work/queries.lua" "$url" >/dev/null  # warm-up
echo "== 1. the most: 2 threads, 32 connections, 20 s =="
line=$(wrk -t2 -c32 -d20s -s "$work/queries.lua" "$url" | grep '^rate=')
echo "$line"
max=$(echo "$line" | sed -n 's/^rate=\([0-9]*\).*/\1/p')
half=$((max / 2))
pause=$((32 * 1000 / half))
echo "== 2. about half ($half requests/s): each of 32 connections waits ${pause} ms after each answer, 20 s =="
PAUSE_MS=$pause wrk -t2 -c32 -d20s -s "$work/queries.lua" "$url" | grep '^rate='
echo "== 3. the same while news-index adds $(wc -l <"$work/extra.jsonl") articles (flushes, merges, commits) =="
before=$(curl -sf "$url/status")
# Six batches, one commit each (the later ones merge segments by size tier).
split -n l/6 --additional-suffix=.jsonl "$work/extra.jsonl" "$work/batch-"
( for b in "$work"/batch-*; do "$bin/news-index" --quiet --index "$work/index" --threads 1 "$b" >/dev/null; done ) &
writer=$!
PAUSE_MS=$pause wrk -t2 -c32 -d30s -s "$work/queries.lua" "$url" | grep '^rate='
wait $writer || echo "news-index failed" >&2
sleep 1
echo "status before: $before"
echo "status after:  $(curl -sf "$url/status")"
