#!/usr/bin/env bash
# Entry point of the Spark job (README: "More than one machine").
#   spark/run.sh build --shards N --out DIR FILES…      build N index shards from JSON Lines
#   spark/run.sh search --shards DIR --queries Q.tsv     a query batch over every shard
#   spark/run.sh count --shards DIR QUERY --by month     counts over every shard (CSV, or --parquet DIR)
#   spark/run.sh setup                                    only install pyspark and find Java
# Options for all: --master URL (default local[*]), --bin DIR (the release binaries; default:
# .build/release, built when missing). First use creates spark/.venv with pyspark
# (NEWS_SPARK_VENV names another place); Java comes from JAVA_HOME, else /usr/lib/jvm.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${NEWS_SPARK_VENV:-$here/.venv}"

if ! "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
  echo "spark/run.sh: installing pyspark into $venv (first use; about 300 MB)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyspark >&2
fi

if [ -z "${JAVA_HOME:-}" ]; then
  for d in /usr/lib/jvm/java-17-* /usr/lib/jvm/java-21-* /usr/lib/jvm/default-java /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ]; then export JAVA_HOME="$d"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "spark/run.sh: no Java found (JAVA_HOME, /usr/lib/jvm): sudo apt-get install default-jre-headless" >&2
  exit 1
fi

# `spark/run.sh setup`: the virtual environment and Java only (CI, before the tests).
if [ "${1:-}" = setup ]; then echo "spark/run.sh: pyspark in $venv, Java in $JAVA_HOME" >&2; exit 0; fi

args=("$@")
have_bin=false
for a in "$@"; do [ "$a" = "--bin" ] && have_bin=true; done
if ! $have_bin && [ $# -gt 0 ]; then
  bin="$root/.build/release"
  for product in news-index news-search; do
    if [ ! -x "$bin/$product" ]; then
      echo "spark/run.sh: building $product (swift build -c release)" >&2
      (cd "$root" && swift build -c release --product "$product" >&2)
    fi
  done
  args=("$1" --bin "$bin" "${@:2}")
fi

export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
export PYSPARK_PYTHON="$venv/bin/python"
exec "$venv/bin/python" -m newsspark "${args[@]}"
