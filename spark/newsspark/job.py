"""The Spark side: shards built and searched on executors, results gathered on the driver.

Binaries travel with the job (`SparkContext.addFile`) and run on executors from
`SparkFiles.get`, so a cluster needs nothing of this repository on its workers (only the
shared libraries the binaries link: ICU, libxml2, zlib). Shard folders must be reachable
by the same path from every executor and the driver (a shared file system).
"""

import csv
import io
import json
import os
import stat
import subprocess
import tempfile
import zlib

from . import merge as merging

SHARD_NAME = "shard-%03d"


def shard_of(line, shards):
    """The shard of a JSON Lines record: CRC-32 of its id (of the line when it has none)."""
    try:
        key = json.loads(line).get("id")
    except (ValueError, AttributeError):
        key = None
    data = (key if isinstance(key, str) and key else line).encode("utf-8")
    return zlib.crc32(data) % shards


def shard_dirs(root):
    """The shard folders under `root`, in shard order."""
    names = sorted(n for n in os.listdir(root) if n.startswith("shard-") and os.path.isdir(os.path.join(root, n)))
    if not names:
        raise SystemExit("newsspark: no shard-NNN folders in %s (build them with spark/run.sh build)" % root)
    return [os.path.join(root, n) for n in names]


def ship(sc, bin_dir, names):
    for name in names:
        path = os.path.join(bin_dir, name)
        if not os.access(path, os.X_OK):
            raise SystemExit("newsspark: %s is not an executable (build with swift build -c release, or give --bin DIR)" % path)
        sc.addFile(path)


def _binary(name):
    from pyspark import SparkFiles
    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _run(args, stdin=None):
    p = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if p.returncode not in (0,):
        raise RuntimeError("%s exited with %d: %s" % (os.path.basename(args[0]), p.returncode, p.stderr.strip()[-2000:]))
    return p.stdout


# MARK: build

def build(sc, files, shards, out, threads=1):
    """Partitions the records of `files` (JSON Lines) by id hash into `shards` shards and
    builds each with `news-index -` on an executor; returns each shard's summary line."""
    os.makedirs(out, exist_ok=True)
    out = os.path.abspath(out)
    lines = sc.textFile(",".join(os.path.abspath(f) for f in files))
    # Input order is kept inside each shard (the later copy of an id wins, as in one index).
    keyed = lines.zipWithIndex().filter(lambda li: li[0].strip()).map(lambda li: ((shard_of(li[0], shards), li[1]), li[0]))
    parts = keyed.repartitionAndSortWithinPartitions(numPartitions=shards, partitionFunc=lambda k: k[0])

    def build_shard(index, records):
        directory = os.path.join(out, SHARD_NAME % index)
        text = "".join(line + "\n" for _, line in records)
        args = [_binary("news-index"), "--index", directory, "--rebuild", "--quiet", "--threads", str(threads),
                "--commit-every", "100000000", "--commit-interval", "86400", "-"]
        p = subprocess.run(args, input=text, capture_output=True, text=True)
        summary = (p.stdout.strip().splitlines() or [""])[-1]
        yield (index, p.returncode, summary, p.stderr.strip()[-2000:])

    return sorted(parts.mapPartitionsWithIndex(build_shard).collect())


# MARK: search

def _filter_args(filters):
    args = []
    for name in ("region", "industry"):
        for v in filters.get(name) or []:
            args += ["--" + name, v]
    for name in ("from", "to"):
        if filters.get(name):
            args += ["--" + name, filters[name]]
    return args


def global_stats(sc, dirs, queries_file):
    """Every shard's statistics for the batch's terms, summed (what one index would hold)."""
    name = os.path.basename(queries_file)

    def stats(d):
        return json.loads(_run([_binary("news-search"), "stats", "--index", d, "--queries", _local(name)]))

    total = {"documents": 0, "headline_length_sum": 0, "body_length_sum": 0, "terms": {}}
    for s in sc.parallelize(dirs, len(dirs)).map(stats).collect():
        for k in ("documents", "headline_length_sum", "body_length_sum"):
            total[k] += s[k]
        for t, df in s["terms"].items():
            have = total["terms"].get(t, [0, 0])
            total["terms"][t] = [have[0] + df[0], have[1] + df[1]]
    return total


def _local(name):
    from pyspark import SparkFiles
    return SparkFiles.get(name)


def search(sc, dirs, queries_file, limit, filters, all_terms=False):
    """[(qid, rank, id, score)] of a batch over every shard, as one index ranks it."""
    queries_file = os.path.abspath(queries_file)
    sc.addFile(queries_file)
    name = os.path.basename(queries_file)
    stats = json.dumps(global_stats(sc, dirs, queries_file))
    extra = _filter_args(filters) + (["--all"] if all_terms else [])
    asked = merging.shard_limit(limit)

    def search_shard(item):
        shard, d = item
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(stats)
        try:
            out = _run([_binary("news-search"), "--index", d, "--queries", _local(name), "--format", "tsv", "--shard-columns",
                        "--limit", str(asked), "--global-stats", f.name] + extra)
        finally:
            os.unlink(f.name)
        return [merging.parse_shard_line(shard, line) for line in out.splitlines() if line]

    by_query = {}
    order = []
    for qid, hit in sc.parallelize(list(enumerate(dirs)), len(dirs)).flatMap(search_shard).collect():
        if qid not in by_query:
            by_query[qid] = []
        by_query[qid].append(hit)
    # Queries in the file's order.
    with open(queries_file, encoding="utf-8") as f:
        for line in f:
            if "\t" in line and line.split("\t", 1)[0] not in order:
                order.append(line.split("\t", 1)[0])
    rows = []
    for qid in order:
        for rank, (hit, score) in enumerate(merging.merge(by_query.get(qid, []), limit, all_terms=all_terms), 1):
            rows.append((qid, rank, hit.id, score))
    return rows


# MARK: count

TIME = ("day", "week", "month", "quarter", "year")


def spanning_clusters(sc, dirs):
    """`news-search clusters` over every shard, on one executor: the reprint clusters with
    copies in two or more shards (label<TAB>group label lines)."""
    args = sum((["--index", d] for d in dirs), [])
    return sc.parallelize([0], 1).map(lambda _: _run([_binary("news-search"), "clusters"] + args)).collect()[0]


def count(sc, dirs, query, by, filters, collapse=True):
    """(header, rows) of `news-search QUERY --by … --format csv` summed over the shards.

    With `collapse`, a story counts once however many shards hold its copies, as in one
    index: each shard folds its own copies and counts the stories only it holds; the copy
    it would count of a story that spans shards (`news-search clusters`) comes back as a
    row of its own (cluster, date, id), and of each story's copies the driver counts the
    earliest, then the smallest id, as `Counter.counted` does."""
    extra = _filter_args(filters) + ([] if collapse else ["--no-collapse"])
    dims = []
    for d in by:
        dims += ["--by", d]
    spanning = spanning_clusters(sc, dirs) if collapse and len(dirs) > 1 else ""

    def count_shard(d):
        if not spanning:
            return _run([_binary("news-search"), "--index", d, "--format", "csv"] + dims + extra + ["--"] + query)
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
            f.write(spanning)
        try:
            return _run([_binary("news-search"), "--index", d, "--format", "csv", "--spanning-clusters", f.name]
                        + dims + extra + ["--"] + query)
        finally:
            os.unlink(f.name)

    header = None
    sums = {}
    copies = {}  # cluster -> {(date, id): [keys…]}
    for out in sc.parallelize(dirs, len(dirs)).map(count_shard).collect():
        reader = csv.reader(io.StringIO(out))
        h = next(reader, None)
        if h is None:
            continue
        if spanning:
            h = h[:-3]  # cluster, date, id
        header = header or h
        for row in reader:
            if not row:
                continue
            if spanning:
                row, (cluster, date, doc_id) = row[:-3], row[-3:]
                if cluster:
                    copies.setdefault(cluster, {}).setdefault((date, doc_id), []).append(tuple(row[:-1]))
                    continue
            key = tuple(row[:-1])
            sums[key] = sums.get(key, 0) + int(row[-1])
    for story in copies.values():
        # The earliest copy (undated last), then the smallest id: str order is code point order,
        # the order of the UTF-8 bytes that Swift compares.
        first = min(story, key=lambda k: (k[0] or "\uffff", k[1]))
        for key in story[first]:
            sums[key] = sums.get(key, 0) + 1
    if header is None:
        return ["count"], []
    rows = [list(k) + [v] for k, v in sums.items()]
    if by and by[0] in TIME:
        rows = _fill_time(rows, by[0])
        # As news-search orders them: by time, then by the second dimension's name (its last column).
        rows.sort(key=lambda r: (r[0], r[-2]) if len(by) > 1 else (r[0],))
    else:
        totals = {}
        for r in rows:
            totals[r[0]] = totals.get(r[0], 0) + r[-1]
        rows.sort(key=lambda r: (-totals[r[0]], r[:-1]))
    return header, rows


def _fill_time(rows, dim):
    """Zero rows for every bucket from the first to the last, with every value of the second
    dimension (each shard fills only its own range and values)."""
    keys = [r[0] for r in rows if r[0][:1].isdigit()]
    if not keys:
        return rows
    buckets = _buckets(dim, min(keys), max(keys))
    others = {tuple(r[1:-1]) for r in rows}
    have = {tuple(r[:-1]) for r in rows}
    return rows + [[b] + list(o) + [0] for b in buckets for o in sorted(others) if (b,) + o not in have]


def _buckets(dim, lo, hi):
    if dim in ("day", "week"):
        import datetime
        day, last = datetime.date.fromisoformat(lo), datetime.date.fromisoformat(hi)
        out = []
        while day <= last:
            out.append(day.isoformat())
            day += datetime.timedelta(days=7 if dim == "week" else 1)
        return out
    if dim == "year":
        return [str(y) for y in range(int(lo), int(hi) + 1)]
    out = []
    if dim == "month":
        y, m = int(lo[:4]), int(lo[5:7])
        while (y, m) <= (int(hi[:4]), int(hi[5:7])):
            out.append("%d-%02d" % (y, m))
            m += 1
            if m > 12:
                y, m = y + 1, 1
    else:
        y, q = int(lo[:4]), int(lo[-1])
        while (y, q) <= (int(hi[:4]), int(hi[-1])):
            out.append("%d-Q%d" % (y, q))
            q += 1
            if q > 4:
                y, q = y + 1, 1
    return out
