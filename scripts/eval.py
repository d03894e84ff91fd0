#!/usr/bin/env python3
"""Retrieval quality of news-search beside Lucene-CJK and Lucene-smartcn, same sets, same run.

Sets (all from the 2022-2025 tuning data; the 2026 CCTV slice is never read here):
  known-item  CCTV 2022-2025 articles indexed WITHOUT headlines; each sampled headline
              is a query whose only relevant article is its own.       -> MRR@10
  known-item-fresh  the same articles, 2,000 other headlines (own seed, disjoint from
              known-item's). Defaults are tuned on the sets above, never on this one:
              it shows what the tuning is worth on queries it has not seen. -> MRR@10
  finna       FinCUGE briefs; each editor's summary_title is a query for its brief. -> MRR@10
  cmrc2018    CMRC2018 questions against Wikipedia passages (qrels).    -> MRR@10
  quoted      random substrings of indexed articles as "exact" queries, against grep
              over the same texts.                                       -> recall, precision
Each ranked set also reports the share of its queries whose results are the same with
every match scored (news-search --exhaustive): pruning must never change a result (1.0000),
and "best-of-both": MRR@10 of an oracle that takes, per query, whichever of news-search and
Lucene-CJK ranked the relevant article higher (how far either engine is from what the other
already finds).
Usage: python3 scripts/eval.py [--data ../shared/data] [--sample 1000] [--work /tmp/news-eval]
"""
import argparse, json, os, random, re, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def jsonl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(l) for l in f if l.strip()]


def write_jsonl(path, rows):
    with open(path, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')


def write_queries(path, queries):
    with open(path, 'w', encoding='utf-8') as f:
        for qid, q in queries:
            f.write('%s\t%s\n' % (qid, q.replace('\t', ' ').replace('\n', ' ')))


def read_results(path):
    runs = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) >= 3:
                runs.setdefault(p[0], []).append(p[2])
    return runs


def reciprocal_rank(run, rel, k=10):
    for rank, doc in enumerate(run[:k], 1):
        if doc in rel:
            return 1.0 / rank
    return 0.0


def mrr(runs, qrels, k=10):
    return sum(reciprocal_rank(runs.get(qid, []), rel, k) for qid, rel in qrels.items()) / max(1, len(qrels))


def best_of(runs_a, runs_b, qrels, k=10):
    """MRR@k of an oracle that takes, per query, the better of two runs."""
    return sum(max(reciprocal_rank(runs_a.get(q, []), rel, k), reciprocal_rank(runs_b.get(q, []), rel, k))
               for q, rel in qrels.items()) / max(1, len(qrels))


def sanitize(q):
    """Our query syntax: keep a headline literal (no quotes, operators or field prefixes)."""
    q = q.replace('"', ' ').replace('OR', 'or')
    q = re.sub(r'(^|\s)[+\-](?=\S)', r'\1', q)
    return q.replace('title:', 'title ')


def ours(work, name, docs_path, queries, limit=10, extra=()):
    # One indexing thread, as Lucene indexes here (the index would be the same with more).
    index = os.path.join(work, name + '-ours')
    subprocess.run([os.path.join(REPO, '.build/release/news-index'), '--quiet', '--rebuild', '--threads', '1', '--index', index, docs_path],
                   check=True, stdout=subprocess.DEVNULL)
    qfile = os.path.join(work, name + '-ours.tsv')
    write_queries(qfile, queries)
    out = subprocess.run([os.path.join(REPO, '.build/release/news-search'), '--index', index, '--queries', qfile,
                          '--format', 'tsv', '--limit', str(limit), '--timing'] + list(extra),
                         check=True, capture_output=True, text=True)
    rfile = os.path.join(work, name + '-ours-results.tsv')
    with open(rfile, 'w', encoding='utf-8') as f:
        f.write(out.stdout)
    # The timing line is the last (warnings, such as a blank query, come before it).
    return read_results(rfile), (out.stderr.strip().splitlines() or [""])[-1]


def exhaustive_agreement(work, name, limit=10, extra=()):
    """The share of queries whose results (ids, order, scores) are the same when every match is
    scored (the hidden --exhaustive flag) as with pruning: anything below 1 is a pruning bug."""
    index = os.path.join(work, name + '-ours')
    qfile = os.path.join(work, name + '-ours.tsv')
    out = subprocess.run([os.path.join(REPO, '.build/release/news-search'), '--index', index, '--queries', qfile,
                          '--format', 'tsv', '--limit', str(limit), '--exhaustive'] + list(extra),
                         check=True, capture_output=True, text=True).stdout
    def lists(text):
        runs = {}
        for line in text.splitlines():
            p = line.split('\t')
            runs.setdefault(p[0], []).append((p[2], p[3]))
        return runs
    with open(os.path.join(work, name + '-ours-results.tsv'), encoding='utf-8') as f:
        pruned = lists(f.read())
    full = lists(out)
    qids = [l.split('\t')[0] for l in open(qfile, encoding='utf-8')]
    return sum(pruned.get(q) == full.get(q) for q in qids) / max(1, len(qids))


def lucene(work, name, analyzer, bench, docs_path, queries, k=10, op='or'):
    index = os.path.join(work, '%s-lucene-%s' % (name, analyzer))
    subprocess.run(['rm', '-rf', index])
    subprocess.run([os.path.join(bench, 'anchors/lucene'), 'index', '--analyzer', analyzer, '--out', index, docs_path],
                   check=True, stdout=subprocess.DEVNULL)
    qfile = os.path.join(work, '%s-lucene.tsv' % name)
    write_queries(qfile, queries)
    rfile = os.path.join(work, '%s-lucene-%s-results.tsv' % (name, analyzer))
    out = subprocess.run([os.path.join(bench, 'anchors/lucene'), 'search', '--analyzer', analyzer, '--index', index,
                          '--queries', qfile, '--k', str(k), '--op', op, '--results', rfile],
                         check=True, capture_output=True, text=True)
    return read_results(rfile), out.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(REPO, '..', 'shared', 'data'))
    ap.add_argument('--sample', type=int, default=1000)
    ap.add_argument('--work', default='/tmp/news-eval')
    ap.add_argument('--sets', default='known-item,known-item-fresh,finna,cmrc2018,quoted')
    ap.add_argument('--no-lucene', action='store_true')
    args = ap.parse_args()
    bench = os.path.join(os.path.dirname(os.path.abspath(args.data)), 'bench')
    os.makedirs(args.work, exist_ok=True)
    subprocess.run(['swift', 'build', '-c', 'release', '--static-swift-stdlib'], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    rng = random.Random(20241129)
    sets = args.sets.split(',')
    rows = []

    def compare(name, path, queries, qrels, analyzers=('cjk',)):
        """MRR@10 of news-search and of Lucene with each analyzer, on one set."""
        run, timing = ours(args.work, name, path, [(q, sanitize(t)) for q, t in queries])
        rows.append(('%s MRR@10' % name, 'news-search', mrr(run, qrels), timing))
        rows.append(('%s pruned=exhaustive' % name, 'news-search', exhaustive_agreement(args.work, name), 'share of queries'))
        if not args.no_lucene:
            for an in analyzers:
                r, t = lucene(args.work, name, an, bench, path, queries)
                rows.append(('%s MRR@10' % name, 'lucene-' + an, mrr(r, qrels), t))
                if an == 'cjk':
                    rows.append(('%s MRR@10' % name, 'best-of-both', best_of(run, r, qrels), 'per query, news-search or lucene-cjk'))

    cctv = []
    for y in (2022, 2023, 2024, 2025):
        cctv += jsonl(os.path.join(args.data, 'news/cctv/cctv-%d.jsonl' % y))
    if 'known-item' in sets:
        docs = [{'id': a['id'], 'body': a['body'], 'date': a['date'], 'source': a['source']} for a in cctv if a.get('body')]
        path = os.path.join(args.work, 'known-item.jsonl')
        write_jsonl(path, docs)
        sample = rng.sample([a for a in cctv if a.get('body') and a.get('title')], args.sample)
        queries = [(a['id'], a['title']) for a in sample]
        qrels = {a['id']: {a['id']} for a in sample}
        compare('known-item', path, queries, qrels, ('cjk', 'smartcn'))
    if 'known-item-fresh' in sets:
        docs = [{'id': a['id'], 'body': a['body'], 'date': a['date'], 'source': a['source']} for a in cctv if a.get('body')]
        path = os.path.join(args.work, 'known-item.jsonl')
        write_jsonl(path, docs)
        # The tuning sample is drawn exactly as above (same seed), so the fresh one avoids it.
        tuning = {a['id'] for a in random.Random(20241129).sample([a for a in cctv if a.get('body') and a.get('title')], args.sample)}
        fresh = random.Random(20261129).sample([a for a in cctv if a.get('body') and a.get('title') and a['id'] not in tuning], 2000)
        queries = [(a['id'], a['title']) for a in fresh]
        qrels = {a['id']: {a['id']} for a in fresh}
        compare('known-item-fresh', path, queries, qrels)

    if 'finna' in sets:
        finna = jsonl(os.path.join(args.data, 'news/fincuge/finna_title_text.jsonl'))
        path = os.path.join(args.work, 'finna.jsonl')
        write_jsonl(path, [{'id': a['id'], 'body': a['body']} for a in finna])
        withsum = [a for a in finna if a.get('summary_title')]
        queries = [(a['id'], a['summary_title']) for a in withsum]
        qrels = {a['id']: {a['id']} for a in withsum}
        compare('finna', path, queries, qrels)

    if 'cmrc2018' in sets:
        base = os.path.join(args.data, 'eval/cmrc2018')
        path = os.path.join(base, 'corpus.jsonl')
        queries = [(q['qid'], q['query']) for q in jsonl(os.path.join(base, 'queries.jsonl'))]
        qrels = {}
        with open(os.path.join(base, 'qrels.tsv'), encoding='utf-8') as f:
            for line in f:
                p = line.split()
                if len(p) >= 4 and p[3] != '0':
                    qrels.setdefault(p[0], set()).add(p[2])
        compare('cmrc2018', path, queries, qrels)

    if 'quoted' in sets:
        docs = rng.sample([a for a in cctv if a.get('body')], 3000)
        path = os.path.join(args.work, 'quoted.jsonl')
        write_jsonl(path, [{'id': a['id'], 'title': a.get('title', ''), 'body': a['body']} for a in docs])
        queries, truth = [], {}
        for i in range(300):
            a = rng.choice(docs)
            text = a['body']
            n = rng.randint(2, 12)
            start = rng.randrange(0, max(1, len(text) - n))
            s = text[start:start + n]
            if '"' in s or '\n' in s or not s.strip():
                continue
            qid = 'q%d' % i
            queries.append((qid, '"%s"' % s))
            truth[qid] = {d['id'] for d in docs if s in d['body'] or s in d.get('title', '')}
        run, timing = ours(args.work, 'quoted', path, queries, limit=0, extra=['--all'])
        tp = sum(len(set(run.get(q, [])) & truth[q]) for q in truth)
        found = sum(len(set(run.get(q, []))) for q in truth)
        relevant = sum(len(truth[q]) for q in truth)
        rows.append(('quoted recall', 'news-search', tp / max(1, relevant), timing))
        rows.append(('quoted precision', 'news-search', tp / max(1, found), ''))

    print('%-28s %-14s %8s   %s' % ('measure', 'engine', 'value', 'latency'))
    for m, e, v, t in rows:
        print('%-28s %-14s %8.4f   %s' % (m, e, v, t))


if __name__ == '__main__':
    main()
