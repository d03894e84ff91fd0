#!/bin/bash
# Makes the golden indexes of old format versions with a few hundred articles
# (Tests/NewsIndexTests/Fixtures/golden-vN-many), for CompatibilityTests.
#
# The articles are generated here (words chosen by a seeded generator, no text
# from any source), written to Fixtures/golden-many.jsonl; each old version's
# news-index is built from the last commit that wrote that version, in a folder
# outside the repository, and indexes them in one segment.
#
#   scripts/make-goldens.sh [BUILD_ROOT]      (default /tmp/news-goldens)
#
# Version 1: ad89f0b, version 2: 4e260cf, version 3: d66bf79 (the commits before
# the next version's). Each build takes a few minutes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-/tmp/news-goldens}
fixtures=$repo/Tests/NewsIndexTests/Fixtures
mkdir -p "$root"

python3 - "$fixtures/golden-many.jsonl" <<'PY'
import json, sys
# Planted markers (characters the filler words never use), so that tests know
# which articles hold them and where:
#   通报  at the start of every body: 300 documents, three postings blocks
#   钙钛  in every 7th article from the 4th on (i % 7 == 3): one tail block
#   增长  (i % 4 == 0 ? 40 + i % 150 : 1) times in article i: more than 128
#         positions in most blocks, so they are bit-packed
#   磷虾  in article 250 only
words = ["淄博", "高新区", "招商", "光伏", "组件", "新能源", "汽车", "出口", "项目", "签约", "山东",
         "产业园", "传感器", "芯片", "投资", "企业", "港口", "集装箱", "楼市", "债券", "银行"]
state = 20261205
def rand(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 33) % n
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(300):
        filler = lambda k: "".join(words[rand(len(words))] for _ in range(k))
        growth = 40 + i % 150 if i % 4 == 0 else 1
        body = "通报" + filler(3) + "。" + "".join("增长" + filler(1) for _ in range(growth)) + "。"
        if i % 7 == 3: body += "钙钛" + filler(2) + "。"
        if i == 250: body += "磷虾" + filler(2) + "。"
        record = {"id": "m%03d" % i, "title": filler(3), "body": body,
                  "date": "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28), "source": "测试网"}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
PY

for pair in 1:ad89f0b 2:4e260cf 3:d66bf79; do
  version=${pair%%:*}; commit=${pair#*:}
  src=$root/v$version
  if [ ! -x "$src/.build/release/news-index" ]; then
    rm -rf "$src"; mkdir -p "$src"
    git -C "$repo" archive "$commit" | tar -x -C "$src"
    (cd "$src" && swift build -c release --product news-index)
  fi
  out=$fixtures/golden-v$version-many
  rm -rf "$out"
  "$src/.build/release/news-index" --quiet --threads 1 --index "$out" "$fixtures/golden-many.jsonl"
  rm -f "$out/write.lock"
  echo "golden-v$version-many: $(du -sk "$out" | cut -f1) KB"
done
