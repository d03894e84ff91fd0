#!/usr/bin/env bash
# Repeats the attacks of the reliability issue against release binaries and
# prints what they found: crashes (a tool killed by a signal), hangs (a tool
# still running after its time), duplicated and lost articles.
#
#   scripts/attacks.sh            (about a minute; FUZZ_ITERATIONS=N for a longer index fuzz)
#
# 1. A watched file that grows, is edited in place, loses an article; the
#    watcher restarted (reads nothing again) and killed with -9 mid-run.
# 2. A slow producer on standard input stopped by SIGTERM: what was read is committed.
# 3. Hostile folders: a FIFO, a self-link, a link back up.
# 4. A 50 MB article: bounded time and memory to index and to search.
# 5. Control characters and formula cells in titles: never raw on a terminal or in CSV.
# 6. Damaged index files (scripts/fuzz-index.sh, when present).
set -uo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product news-index >/dev/null && swift build -c release --product news-search >/dev/null || exit 2
BIN=$PWD/.build/release
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
crashes=0 hangs=0 duplicates=0 lost=0

# Runs a command with a time limit; counts crashes (signals) and hangs.
guarded() {
  local limit=$1; shift
  timeout -s KILL "$limit" "$@"
  local status=$?
  if [ $status -eq 137 ]; then echo "  HANG: $*"; hangs=$((hangs + 1));
  elif [ $status -gt 128 ]; then echo "  CRASH ($status): $*"; crashes=$((crashes + 1)); fi
  return $status
}

line() { printf '{"id":"%s","title":"%s","body":"%s","date":"2025-03-01"}\n' "$1" "$2" "$3"; }
live() { "$BIN/news-search" --index "$1" --count --no-collapse --from 1990 2>/dev/null | tr -d ' \n'; }
phrase() { "$BIN/news-search" --index "$1" --count --no-collapse "\"$2\"" 2>/dev/null | tr -d ' \n'; }
expect() { # expect WHAT ACTUAL WANTED
  if [ "$2" = "$3" ]; then echo "  ok: $1 ($2)"; else
    echo "  WRONG: $1: $2, expected $3"
    if [ "${2:-0}" -gt "$3" ] 2>/dev/null; then duplicates=$((duplicates + 1)); else lost=$((lost + 1)); fi
  fi
}

echo "== 1. watched files that grow and change; restarts; kill -9"
mkdir -p "$T/inbox"
W="$T/widx"
"$BIN/news-index" --index "$W" --watch --interval 0.2 --threads 1 "$T/inbox" >"$T/watch.log" 2>&1 &
P=$!
for i in 1 2 3; do line "a$i" "临川县新材料项目第${i}期开工" "临川县新材料产业园第${i}期项目开工。"; done >"$T/inbox/a.jsonl"
sleep 1.5; expect "3 lines" "$(live "$W")" 3
for i in 4 5; do line "a$i" "临川县新材料项目第${i}期开工" "临川县新材料产业园第${i}期项目开工。"; done >>"$T/inbox/a.jsonl"
sleep 1.5; expect "2 lines appended" "$(live "$W")" 5
sed -i 's/第2期开工/第二期开工/' "$T/inbox/a.jsonl"
sleep 1.5; expect "a title edited in place" "$(live "$W")" 5
expect "the edited title found once" "$(phrase "$W" 第二期开工)" 1
sed -i '/"a5"/d' "$T/inbox/a.jsonl"
sleep 1.5; expect "a line removed" "$(live "$W")" 4
kill -TERM $P; wait $P
"$BIN/news-index" --index "$W" --watch --interval 0.2 "$T/inbox" >"$T/watch2.log" 2>&1 &
P=$!
sleep 1; kill -TERM $P; wait $P
if grep -q " files: " "$T/watch2.log"; then echo "  WRONG: a restarted watcher read files again"; duplicates=$((duplicates + 1)); else echo "  ok: a restart reads nothing again"; fi
for round in 1 2 3 4 5; do
  "$BIN/news-index" --index "$W" --watch --interval 0.1 "$T/inbox" >/dev/null 2>&1 &
  P=$!
  line "k$round" "临川县第${round}批项目签约" "临川县第${round}批重点项目集中签约。" >"$T/inbox/k$round.jsonl"
  sleep 0.$((RANDOM % 9 + 1)); kill -9 $P 2>/dev/null; wait $P 2>/dev/null
done
"$BIN/news-index" --index "$W" --watch --interval 0.1 "$T/inbox" >/dev/null 2>&1 &
P=$!
sleep 1.5; kill -TERM $P; wait $P
expect "after five kill -9 and a restart" "$(live "$W")" 9
guarded 60 "$BIN/news-index" --index "$W" verify >/dev/null || { echo "  WRONG: verify failed"; lost=$((lost + 1)); }

echo "== 2. a slow producer on standard input, stopped by SIGTERM"
S="$T/sidx"
( for i in 1 2 3 4 5 6 7 8; do line "s$i" "慢速来稿$i" "临川县第${i}条慢速来稿。"; sleep 0.5; done ) |
  "$BIN/news-index" --index "$S" --commit-interval 0.5 --threads 1 - >/dev/null 2>&1 &
sleep 2.2
expect "searchable while the pipe is open" "$([ "$(phrase "$S" 慢速来稿)" -ge 3 ] && echo yes || echo no)" yes
pkill -TERM -f "news-index --index $S" ; sleep 1
n=$(phrase "$S" 慢速来稿)
expect "what was read is committed on SIGTERM" "$([ "$n" -ge 4 ] && [ "$n" -le 6 ] && echo yes || echo "no ($n)")" yes

echo "== 3. hostile folders"
mkdir -p "$T/h/sub"
line h1 "临川县跨境电商园开园" "临川县跨境电商产业园开园。" >"$T/h/a.jsonl"
mkfifo "$T/h/pipe.jsonl"; ln -s .. "$T/h/sub/up"; ln -s "$T/h/self" "$T/h/self"
guarded 20 "$BIN/news-index" --index "$T/hidx" --quiet "$T/h" >/dev/null 2>&1
expect "a folder with a FIFO and link loops" "$(live "$T/hidx")" 1
guarded 20 "$BIN/news-index" --index "$T/hidx" --quiet "$T/h/pipe.jsonl" >/dev/null 2>&1

echo "== 4. a 50 MB article"
python3 -c "
import json
body='\n'.join('临川县经济开发区第%d号项目今年完成投资%d亿元，同比增长18%%。' % (i, i % 97) for i in range(600000))
print(json.dumps({'id': 'big', 'title': '超长文章', 'body': body}, ensure_ascii=False))" >"$T/big.jsonl"
/usr/bin/time -f "  indexing: %e s, %M KB" timeout -s KILL 60 "$BIN/news-index" --index "$T/bidx" --quiet "$T/big.jsonl" >/dev/null 2>"$T/big.err"
tail -1 "$T/big.err"
/usr/bin/time -f "  a query matching it: %e s, %M KB" timeout -s KILL 60 "$BIN/news-search" --index "$T/bidx" 投资 >/dev/null 2>"$T/bigq.err"
tail -1 "$T/bigq.err"

echo "== 5. control characters and formula cells"
C="$T/cidx"
printf '{"id":"c1","title":"=HYPERLINK(\\"http://x\\") \\u001b]0;owned\\u0007 临川县 \\u202e标题","body":"临川县控制字符测试正文。\\u001b[2J","source":"+cmd"}\n' >"$T/c.jsonl"
"$BIN/news-index" --index "$C" --quiet "$T/c.jsonl" >/dev/null 2>&1
out=$("$BIN/news-search" --index "$C" 临川县 2>&1; "$BIN/news-search" --index "$C" 临川县 --format csv 2>&1; "$BIN/news-search" --index "$C" 临川县 --format tsv 2>&1)
if printf '%s' "$out" | grep -q $'\x1b\]\|\x1b\[2J\|\xe2\x80\xae'; then echo "  WRONG: raw control characters reach the terminal"; crashes=$((crashes + 1)); else echo "  ok: no raw control characters"; fi
if printf '%s' "$out" | grep -q '^[0-9]*,[^,]*,[^,]*,[^,]*,=\|,=HYPERLINK'; then echo "  WRONG: a formula cell in CSV"; crashes=$((crashes + 1)); else echo "  ok: formula cells neutralised"; fi

echo "== 6. damaged index files"
if [ -x scripts/fuzz-index.sh ]; then ITERATIONS=${FUZZ_ITERATIONS:-2000} scripts/fuzz-index.sh | tail -3; else echo "  (scripts/fuzz-index.sh not present)"; fi

echo "attacks: crashes=$crashes hangs=$hangs duplicates=$duplicates lost=$lost"
[ $((crashes + hangs + duplicates + lost)) -eq 0 ]
