#!/usr/bin/env python3
"""The benchmark's 1,000 keyword queries: 1-3 Han pieces of CCTV 2022-2025 headlines, fixed seed.

Usage: python3 scripts/bench_queries.py DATA_DIR > queries.tsv   (qid<TAB>query lines)
scripts/bench.sh, spark/bench.sh and scripts/serve-load.sh all use these, so their figures
are for the same queries.
"""
import json, random, re, sys


def queries(data, count=1000, seed=4242):
    rng = random.Random(seed)
    heads = []
    for y in (2022, 2023, 2024, 2025):
        for line in open('%s/news/cctv/cctv-%d.jsonl' % (data, y), encoding='utf-8'):
            heads.append(json.loads(line).get('title') or '')
    runs = [r for h in heads for r in re.findall(r'[\u4e00-\u9fff]{2,}', h)]
    result = []
    for _ in range(count):
        terms = []
        for _ in range(rng.randint(1, 3)):
            r = rng.choice(runs)
            n = min(len(r), rng.randint(2, 4))
            s = rng.randrange(0, len(r) - n + 1)
            terms.append(r[s:s + n])
        result.append(' '.join(terms))
    return result


if __name__ == '__main__':
    for i, q in enumerate(queries(sys.argv[1])):
        print('q%d\t%s' % (i, q))
