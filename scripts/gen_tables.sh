#!/usr/bin/env bash
# Writes Sources/CBuiltinTables/Generated/tables.c: the analyzer's character table (derived
# from the linked ICU) and the trie of the built-in lexicon (Sources/NewsText/Generated/
# BuiltinLexicon.swift, itself from scripts/gen_lexicon.py), compiled into the binaries as
# constant data so that no process builds or reads them at start. Run it after
# gen_lexicon.py, or on a new ICU; --check fails when the file is not what it would write.
#
# Usage: scripts/gen_tables.sh [--check]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product news-bench >&2
.build/release/news-bench gen-tables Sources/CBuiltinTables/Generated/tables.c "$@"
