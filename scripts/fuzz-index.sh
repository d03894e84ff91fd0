#!/usr/bin/env bash
# A long run of the damaged-index mutator (`RandomDamageTests` in
# Tests/NewsIndexTests/DamagedIndexTests.swift; the test suite runs 150 mutations per
# file kind). Each file kind of a small index (dictionary, postings, columns, stored
# articles, deletions, commit) is damaged ITERATIONS times at random (bit flips, extreme
# values in fixed-width fields, long varints, zeroed or copied runs, truncation; half the
# time with the checksums recomputed, as a buggy writer would leave them) and opened,
# verified, merged (every fourth) and read whole: every column, stored article, term and
# posting. Each attempt must succeed or throw a typed error; a crash stops the run.
#
# Usage:
#   scripts/fuzz-index.sh                              # 20000 mutations per file kind, seed 1
#   ITERATIONS=100000 FUZZ_SEED=5 scripts/fuzz-index.sh
#   FUZZ_KINDS=post,dict scripts/fuzz-index.sh         # some file kinds only (replaying one)
#   SCRATCH=/tmp/idx-build scripts/fuzz-index.sh       # the build folder (default .build)
#
# It prints per file kind how many mutations ran and how they ended, then the total and
# "0 crashes". After a crash it prints the mutation being read (the mutator is seeded:
# run again with the same FUZZ_SEED and FUZZ_KINDS to replay it) and exits 1. A debug build
# reads about 100 mutations a second per core; the file kinds run side by side.
set -euo pipefail
cd "$(dirname "$0")/.."

iterations="${ITERATIONS:-20000}"
seed="${FUZZ_SEED:-1}"
scratch="${SCRATCH:-.build}"
work="$(mktemp -d "${TMPDIR:-/tmp}/fuzz-index.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "building tests..." >&2
swift build --build-tests --scratch-path "$scratch" >&2

set +e
ITERATIONS="$iterations" FUZZ_SEED="$seed" FUZZ_TRACE="$work/trace" FUZZ_KINDS="${FUZZ_KINDS:-}" \
  swift test --skip-build --scratch-path "$scratch" --filter RandomDamageTests >"$work/log" 2>&1
status=$?
set -e

grep '^fuzz ' "$work/log" || true
if [ "$status" -ne 0 ]; then
  echo "fuzz-index: the run failed (exit status $status):" >&2
  grep -E 'Fatal error|crashed|signal|✘' "$work/log" | head -20 >&2
  echo "mutations being read when it stopped:" >&2
  cat "$work"/trace.* 2>/dev/null | grep '^reading' >&2 || echo "  (none: the failure is an issue above, not a crash)" >&2
  exit 1
fi
kinds=$(grep -c '^fuzz ' "$work/log")
echo "fuzz-index: $((iterations * kinds)) mutations ($iterations per file kind, $kinds kinds, seed $seed), 0 crashes"
