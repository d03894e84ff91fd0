"""The Spark job on the sample corpus, in local mode: a build of 3 shards and a search over
them equal one index; counts equal news-search --by. Skipped (with the reason) without
Java, pyspark or the built binaries; CI installs Java and runs them through spark/run.sh."""

import glob
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))

from newsspark import merge  # noqa: E402


def _java():
    if os.environ.get("JAVA_HOME") and os.access(os.path.join(os.environ["JAVA_HOME"], "bin", "java"), os.X_OK):
        return True
    return any(os.access(os.path.join(d, "bin", "java"), os.X_OK) for d in glob.glob("/usr/lib/jvm/*"))


def _bin():
    for config in ("release", "debug"):
        d = os.path.join(ROOT, ".build", config)
        if all(os.access(os.path.join(d, n), os.X_OK) for n in ("news-index", "news-search")):
            return d
    return None


try:
    import pyspark  # noqa: F401
    HAVE_PYSPARK = True
except ImportError:
    HAVE_PYSPARK = False

needs_spark = pytest.mark.skipif(not (_java() and HAVE_PYSPARK and _bin()),
                                 reason="needs Java (apt-get install default-jre-headless), pyspark (spark/run.sh installs it) "
                                        "and built news-index/news-search (swift build)")

QUERIES = ["淄博 传感器", "钙钛矿 光伏", "低空经济", "郑州 航空港 货运", "新能源汽车", "合肥 OR 郑州", "产业园 投资", "芯片 -上海",
           "\"产业园\"", "半导体 设备 国产化", "氢能 重卡", "光伏"]


def _run(args, **kw):
    p = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, **kw)
    assert p.returncode == 0, "%s: %s" % (args[:3], p.stderr[-3000:])
    return p.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("spark")
    b = _bin()
    jsonl = tmp / "corpus.jsonl"
    jsonl.write_text(_run([os.path.join(b, "news-index"), "parse", "--full", "corpus"]), encoding="utf-8")
    _run([os.path.join(b, "news-index"), "--index", str(tmp / "one"), "--quiet", str(jsonl)])
    out = _run([os.path.join(ROOT, "spark", "run.sh"), "build", "--bin", b, "--shards", "3", "--out", str(tmp / "shards"), str(jsonl)])
    assert len(out.splitlines()) == 3 and "added 75" not in out, out
    q = tmp / "q.tsv"
    q.write_text("".join("q%d\t%s\n" % (i, t) for i, t in enumerate(QUERIES)), encoding="utf-8")
    yield tmp, b
    shutil.rmtree(tmp, ignore_errors=True)


@needs_spark
@pytest.mark.parametrize("extra", [["--limit", "10"], ["--limit", "3"], ["--limit", "0"], ["--limit", "10", "--all"],
                                   ["--limit", "5", "--region", "广东"]])
def test_spark_search_equals_one_index(corpus, extra):
    tmp, b = corpus
    one = _run([os.path.join(b, "news-search"), "--index", str(tmp / "one"), "--queries", str(tmp / "q.tsv"), "--format", "tsv"] + extra)
    spark = _run([os.path.join(ROOT, "spark", "run.sh"), "search", "--bin", b, "--shards", str(tmp / "shards"),
                  "--queries", str(tmp / "q.tsv")] + extra)
    assert one.strip(), "the queries should find something"
    assert spark == one


@needs_spark
def test_three_shards_hold_every_article_once(corpus):
    tmp, b = corpus
    dirs = sorted(glob.glob(str(tmp / "shards" / "shard-*")))
    assert len(dirs) == 3
    live = [int(_run([os.path.join(b, "news-search"), "--index", d, "--from", "1900", "--no-collapse", "--count"]).strip() or 0) for d in dirs]
    whole = int(_run([os.path.join(b, "news-search"), "--index", str(tmp / "one"), "--from", "1900", "--no-collapse", "--count"]).strip())
    assert sum(live) == whole > 0


@needs_spark
@pytest.mark.parametrize("by", [["--by", "month"], ["--by", "year", "--by", "region"], ["--by", "industry"], ["--by", "week"], ["--by", "source", "--by", "year"]])
def test_spark_counts_equal_news_search_by(corpus, by):
    tmp, b = corpus
    dirs = sorted(glob.glob(str(tmp / "shards" / "shard-*")))
    multi = sum((["--index", d] for d in dirs), [])
    want = _run([os.path.join(b, "news-search")] + multi + by + ["--no-collapse", "--format", "csv"]).splitlines()
    got = _run([os.path.join(ROOT, "spark", "run.sh"), "count", "--bin", b, "--shards", str(tmp / "shards"), "--no-collapse"] + by).splitlines()
    one = _run([os.path.join(b, "news-search"), "--index", str(tmp / "one")] + by + ["--no-collapse", "--format", "csv"]).splitlines()
    assert got == one == want


@needs_spark
def test_spark_counts_as_parquet(corpus):
    tmp, b = corpus
    _run([os.path.join(ROOT, "spark", "run.sh"), "count", "--bin", b, "--shards", str(tmp / "shards"), "--by", "year",
          "--parquet", str(tmp / "counts.parquet"), "--no-collapse"])
    assert glob.glob(str(tmp / "counts.parquet" / "*.parquet"))


def test_merge_reranks_only_the_merged_head():
    # Shard 0's lone complete hit carries its bonus; shard 1's "c" is outside the merged head
    # (lead 2 here), so its bonus must not count.
    hits = [merge.ShardHit(0, "a", True, 5.0, 9.0, 0, 0), merge.ShardHit(1, "b", True, 6.0, 6.5, 0, 3),
            merge.ShardHit(1, "c", True, 4.0, 20.0, 0, 1), merge.ShardHit(0, "p", False, 3.0, 3.0, 0, 2)]
    out = merge.merge(hits, limit=10, lead=2)
    assert [(h.id, s) for h, s in out] == [("a", 9.0), ("b", 6.5), ("c", 4.0), ("p", 3.0)]
    assert [h.id for h, _ in merge.merge(hits, limit=2, lead=2)] == ["a", "b"]
    assert [h.id for h, _ in merge.merge(hits, limit=10, lead=2, all_terms=True)] == ["a", "b", "c"]
    # A lone hit of the merged list keeps its BM25F score, as one index leaves it.
    assert merge.merge([merge.ShardHit(0, "a", True, 5.0, 9.0, 0, 0)], limit=10) == [(merge.ShardHit(0, "a", True, 5.0, 9.0, 0, 0), 5.0)]


@pytest.fixture(scope="module")
def reprinted(tmp_path_factory):
    """The sample corpus plus copies of some stories (identical, and edited) whose ids put
    them in another shard than their original, in date order (as news arrives), in one
    index and in 3 shards."""
    from newsspark import job
    import json
    tmp = tmp_path_factory.mktemp("reprints")
    b = _bin()
    records = [json.loads(l) for l in _run([os.path.join(b, "news-index"), "parse", "--full", "corpus"]).splitlines() if l.strip()]
    dated = [r for r in records if r.get("date")]
    copies = []
    for n, r in enumerate(dated[:12]):
        for kind in ("same", "edited"):
            c = dict(r, source="转载报%d" % n)
            c.pop("location", None)
            if kind == "edited":
                c["body"] = r["body"] + "\n（本报综合报道，略有删节。）"
            k = 0
            while True:
                c["id"] = "%s-%s-%d" % (r["id"], kind, k)
                if job.shard_of(json.dumps(c, ensure_ascii=False), 3) != job.shard_of(json.dumps(r, ensure_ascii=False), 3):
                    break
                k += 1
            copies.append(c)
    everything = sorted(records + copies, key=lambda r: r.get("date") or "9999")
    jsonl = tmp / "reprinted.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in everything), encoding="utf-8")
    _run([os.path.join(b, "news-index"), "--index", str(tmp / "one"), "--quiet", str(jsonl)])
    _run([os.path.join(ROOT, "spark", "run.sh"), "build", "--bin", b, "--shards", "3", "--out", str(tmp / "shards"), str(jsonl)])
    yield tmp, b
    shutil.rmtree(tmp, ignore_errors=True)


@needs_spark
@pytest.mark.parametrize("args", [["--by", "year"], ["--by", "source"], ["--by", "month", "--by", "region"], ["--by", "day"],
                                  ["产业", "--by", "industry"], ["--from", "2024", "--by", "source", "--by", "year"]])
def test_spark_counts_fold_reprints_across_shards_as_one_index(reprinted, args):
    tmp, b = reprinted
    dirs = sorted(glob.glob(str(tmp / "shards" / "shard-*")))
    spanning = _run([os.path.join(b, "news-search"), "clusters"] + sum((["--index", d] for d in dirs), []))
    assert len(spanning.splitlines()) >= 12, "the copies should make stories that span shards"
    one = _run([os.path.join(b, "news-search"), "--index", str(tmp / "one"), "--format", "csv"] + args).splitlines()
    copies = _run([os.path.join(b, "news-search"), "--index", str(tmp / "one"), "--format", "csv", "--no-collapse"] + args).splitlines()
    got = _run([os.path.join(ROOT, "spark", "run.sh"), "count", "--bin", b, "--shards", str(tmp / "shards")] + args).splitlines()
    assert got == one
    assert one != copies, "reprints should fold"
