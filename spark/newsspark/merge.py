"""Merging shards' ranked lists exactly as one index over all their articles ranks.

Each shard is searched with the global statistics and `--shard-columns`, so that every hit
carries its tier (complete or partial), its BM25F score before re-ranking, its score after
(the re-ranking bonuses, which a shard adds to its first `lead` hits of each tier) and its
segment and document. One index ranks a tier by BM25F (equal scores by article id, which
does not depend on where an article is kept: `IndexGroup.precedes` in Swift), then
re-orders its first `lead` hits by BM25F plus bonuses (equal scores keep their BM25F
order); so the merge orders by (BM25F descending, id), gives the first `lead` their
bonuses and re-orders them. Each shard's first `lead` hits of a tier by BM25F hold every hit of the
merged first `lead` from that shard, so their bonuses are known; a shard is asked for at
least `lead` hits so that its partial tier reaches as deep as the merged one needs.
"""

from dataclasses import dataclass

# Ranking.leadDepth's default in Swift: the first hits of a tier that re-ranking re-orders.
LEAD_DEPTH = 12


@dataclass(frozen=True)
class ShardHit:
    shard: int
    id: str
    complete: bool
    bm25: float
    score: float
    segment: int
    doc: int


def parse_shard_line(shard, line):
    """(qid, ShardHit) from a line of `news-search --queries … --format tsv --shard-columns`."""
    f = line.rstrip("\n").split("\t")
    if len(f) != 9:
        raise ValueError("shard %d: expected 9 columns from news-search --shard-columns, got %r" % (shard, line))
    return f[0], ShardHit(shard, f[2], f[4] == "complete", float(f[5]), float(f[6]), int(f[7]), int(f[8]))


def shard_limit(limit, lead=LEAD_DEPTH):
    """What each shard is asked for when the merged list has `limit` hits (0: all)."""
    return 0 if limit == 0 else max(limit, lead)


def _tier(hits, lead, keep):
    """A tier's hits in BM25F order, the first `lead` re-ordered by their re-ranked scores;
    `keep` hits (all when None). Returns (hits, scores)."""
    # Python orders str by code point, which is the order of UTF-8 bytes that Swift compares.
    ordered = sorted(hits, key=lambda h: (-h.bm25, h.id, h.shard, h.segment, h.doc))
    if keep is not None:
        ordered = ordered[:keep]
    depth = min(len(ordered), lead)
    # One index leaves a lone hit alone (nothing to re-order).
    head = [(h.score if depth > 1 else h.bm25, i, h) for i, h in enumerate(ordered[:depth])]
    head.sort(key=lambda t: (-t[0], t[1]))
    return [h for _, _, h in head] + ordered[depth:], [s for s, _, _ in head] + [h.bm25 for h in ordered[depth:]]


def merge(hits, limit, lead=LEAD_DEPTH, all_terms=False):
    """The merged ranked list of one query: [(ShardHit, score)], as one index ranks it."""
    complete = [h for h in hits if h.complete]
    top, scores = _tier(complete, lead, None if limit == 0 else max(limit, lead))
    partial_depth = max(0, lead - len(top))
    result = list(zip(top, scores))
    if limit > 0:
        result = result[:limit]
    if not all_terms and (limit == 0 or len(result) < limit):
        rest = None if limit == 0 else limit - len(result)
        more, more_scores = _tier([h for h in hits if not h.complete], partial_depth, None)
        pairs = list(zip(more, more_scores))
        result += pairs if rest is None else pairs[:rest]
    return result
