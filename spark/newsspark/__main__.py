"""Command line of the Spark job: `spark/run.sh build|search|count …` (run.sh sets up Java,
the virtual environment and the binaries, then runs `python -m newsspark`)."""

import argparse
import csv
import os
import sys
import tempfile
import zipfile

from . import job

USAGE = """spark/run.sh build --shards N --out DIR FILES…
       spark/run.sh search --shards DIR --queries Q.tsv [--limit K] [--all] [filters]
       spark/run.sh count --shards DIR [QUERY…] --by DIM [--by DIM] [--no-collapse] [--parquet DIR] [filters]
common: --master URL (default local[*]: every core of this machine), --bin DIR (news-index, news-search)"""


def parser():
    p = argparse.ArgumentParser(prog="spark/run.sh", usage=USAGE)
    sub = p.add_subparsers(dest="command", required=True)

    def common(s):
        s.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[*]"))
        s.add_argument("--bin", required=True, help="folder of the release binaries (run.sh gives it)")

    def filters(s):
        s.add_argument("--region", action="append")
        s.add_argument("--industry", action="append")
        s.add_argument("--from", dest="from_")
        s.add_argument("--to")

    b = sub.add_parser("build")
    common(b)
    b.add_argument("--shards", type=int, required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--threads", type=int, default=1, help="news-index threads per shard (default 1)")
    b.add_argument("files", nargs="+")
    s = sub.add_parser("search")
    common(s)
    filters(s)
    s.add_argument("--shards", required=True)
    s.add_argument("--queries", required=True)
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--all", action="store_true")
    c = sub.add_parser("count")
    common(c)
    filters(c)
    c.add_argument("--shards", required=True)
    c.add_argument("--by", action="append", required=True)
    c.add_argument("--no-collapse", action="store_true")
    c.add_argument("--parquet", metavar="DIR", help="write the counts as Parquet into DIR instead of CSV on stdout")
    c.add_argument("query", nargs="*")
    return p


def context(master, name):
    from pyspark import SparkConf, SparkContext
    conf = SparkConf().setMaster(master).setAppName("news-" + name).set("spark.ui.showConsoleProgress", "false")
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("ERROR")
    # Executors on other machines import this package from the job, not from a checkout.
    package = os.path.dirname(os.path.abspath(__file__))
    archive = os.path.join(tempfile.mkdtemp(prefix="newsspark-"), "newsspark.zip")
    with zipfile.ZipFile(archive, "w") as z:
        for name in sorted(os.listdir(package)):
            if name.endswith(".py"):
                z.write(os.path.join(package, name), "newsspark/" + name)
    sc.addPyFile(archive)
    return sc


def main(argv=None):
    a = parser().parse_args(argv)
    if a.command == "build" and not 1 <= a.shards <= 10000:
        print("spark/run.sh: --shards must be between 1 and 10000", file=sys.stderr)
        return 2
    if a.command == "search" and not 0 <= a.limit <= 1000000:
        print("spark/run.sh: --limit must be between 0 (all) and 1000000", file=sys.stderr)
        return 2
    for f in getattr(a, "files", []) + ([a.queries] if a.command == "search" else []):
        if not os.path.isfile(f):
            print("spark/run.sh: cannot read %s" % f, file=sys.stderr)
            return 2
    sc = context(a.master, a.command)
    try:
        if a.command == "build":
            job.ship(sc, a.bin, ["news-index"])
            failed = 0
            for index, status, summary, err in job.build(sc, a.files, a.shards, a.out, a.threads):
                print("%s: %s" % (job.SHARD_NAME % index, summary))
                if status != 0:
                    failed += 1
                    print("%s: news-index exited with %d: %s" % (job.SHARD_NAME % index, status, err), file=sys.stderr)
            return 1 if failed else 0
        job.ship(sc, a.bin, ["news-search"])
        dirs = job.shard_dirs(a.shards)
        flt = {"region": a.region, "industry": a.industry, "from": a.from_, "to": a.to}
        if a.command == "search":
            out = sys.stdout
            for qid, rank, doc_id, score in job.search(sc, dirs, a.queries, a.limit, flt, a.all):
                out.write("%s\t%d\t%s\t%.4f\n" % (qid, rank, doc_id, score))
            return 0
        header, rows = job.count(sc, dirs, a.query, a.by, flt, collapse=not a.no_collapse)
        if a.parquet:
            from pyspark.sql import SparkSession
            spark = SparkSession(sc)
            spark.createDataFrame([tuple(r) for r in rows], header).write.mode("overwrite").parquet(a.parquet)
            print("counts written to %s (%d rows)" % (a.parquet, len(rows)), file=sys.stderr)
        else:
            w = csv.writer(sys.stdout, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
        return 0
    except RuntimeError as e:
        print("spark/run.sh: %s" % e, file=sys.stderr)
        return 1
    finally:
        sc.stop()


if __name__ == "__main__":
    sys.exit(main())
