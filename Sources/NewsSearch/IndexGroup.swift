import NewsIndex
import NewsIngest

/// Several indexes searched as one: their segments in one list, shard after shard, so
/// that a `Hit`'s segment number and every statistic summed over segments (document
/// frequencies, articles, field lengths) are those of one index holding the same
/// segments; equal scores are ordered by article id (`precedes`), wherever it is kept.
///
/// One index is a group of one. Article ids are expected to be unique across the
/// indexes (the Spark build partitions by id hash); an id held by two indexes is shown
/// from the first by `Searcher.article(id:)`.
///
/// Reprint clusters: an index labels a cluster with the fingerprint of its first copy,
/// so identical copies carry the same label in every index; copies that were edited
/// may carry different labels in different indexes. A group of several indexes joins
/// such labels once, on first use (`cluster(_:_:)`), by replaying the articles in date
/// order and looking each one's fingerprint up among those before it as the indexer does
/// (same similarity threshold, same three-day window), so a story folds and counts once
/// across indexes as it does in one.
public final class IndexGroup: @unchecked Sendable {
    public let readers: [IndexReader]
    /// Every segment of every index, index after index.
    public let segments: [SegmentReader]
    /// The index of each segment (its place in `readers`).
    public let shardOfSegment: [Int]
    private var clusterAliases: [UInt64: UInt64]? = nil

    public init(_ readers: [IndexReader]) {
        precondition(!readers.isEmpty, "an index group needs at least one index")
        self.readers = readers
        segments = readers.flatMap(\.segments)
        shardOfSegment = readers.enumerated().flatMap { i, r in [Int](repeating: i, count: r.segments.count) }
    }

    public convenience init(_ reader: IndexReader) { self.init([reader]) }

    /// Opens the newest commit of each folder, in order.
    /// - Throws: `IndexError.noIndex` and the like, naming the folder.
    public static func open(directories: [String]) throws -> IndexGroup {
        IndexGroup(try directories.map { try IndexReader.open(directory: $0) })
    }

    /// The folders, as given.
    public var directories: [String] { readers.map(\.directory) }

    /// Live (not deleted) articles over all indexes.
    public var liveCount: Int { readers.reduce(0) { $0 + $1.liveCount } }

    /// The order of articles that rank alike (equal scores, the same date, copies of one story
    /// on one day): by id, UTF-8 bytes compared, then by place (ids are unique among an
    /// index's live articles; only an id held by two indexes of a group reaches the place).
    /// The id is the article's own, so the order is the same in one index and in any cut of
    /// its articles into segments or shards (a coordinator merging shards' lists orders ties
    /// the same way: `spark/newsspark/merge.py`).
    /// - Complexity: O(id length), without allocating.
    @inline(__always)
    public func precedes(_ segment: Int, _ doc: Int, _ otherSegment: Int, _ otherDoc: Int) -> Bool {
        // Guaranteed references, not copies: equal scores are common (reprints), and each tie
        // retained and released both segments and the array.
        Unmanaged.passUnretained(segments[segment])._withUnsafeGuaranteedRef { a in
            Unmanaged.passUnretained(segments[otherSegment])._withUnsafeGuaranteedRef { b in
                if a.idPrecedes(doc, b, otherDoc) { return true }
                if b.idPrecedes(otherDoc, a, doc) { return false }
                return (segment, doc) < (otherSegment, otherDoc)
            }
        }
    }

    /// The reprint cluster of `doc` in segment `segment` (0: none), comparable across the
    /// group's indexes.
    /// - Complexity: the first call on a group of several indexes reads every article's
    ///   fingerprint once (as opening an index for writing does); later calls are lookups.
    public func cluster(_ segment: Int, _ doc: Int) -> UInt64 {
        let label = segments[segment].cluster(doc)
        guard readers.count > 1, label != 0 else { return label }
        if clusterAliases == nil { clusterAliases = joinClusters() }
        return clusterAliases?[label] ?? label
    }

    /// The reprint clusters that have copies in two or more of the group's indexes: each label
    /// such a story's copies carry in their indexes → its label in the group (`cluster(_:_:)`).
    /// What shards counting apart need (`CountRequest.apart`): any other story is within one
    /// shard, which folds it alone.
    /// - Complexity: O(articles), after the join of `cluster(_:_:)`.
    public func spanningClusters() -> [UInt64: UInt64] {
        var shards = [UInt64: Set<Int>]()
        var group = [UInt64: UInt64]()
        for (s, segment) in segments.enumerated() {
            for doc in 0 ..< segment.docCount where !segment.isDeleted(doc) {
                let label = segment.cluster(doc)
                guard label != 0 else { continue }
                let joined = cluster(s, doc)
                group[label] = joined
                shards[joined, default: []].insert(shardOfSegment[s])
            }
        }
        return group.filter { (shards[$0.value]?.count ?? 0) > 1 }
    }

    /// Labels of one story in different indexes → one label.
    ///
    /// The indexer assigns each article, in the order it arrives, to the cluster of its most
    /// similar earlier article; which articles are earlier decides chains (A like B, B like
    /// C, A not like C). The indexes' articles are replayed in the order news arrives, by
    /// date (undated ones last: they match across any distance of days, so first they would
    /// take the place of the dated original), then index, then place, each looked up among
    /// those replayed before it in every index; a match in another index joins the two labels
    /// (within an index, the indexer has decided). So a story whose copies were cut into
    /// shards folds as one index built from the same articles in date order folds it.
    private func joinClusters() -> [UInt64: UInt64] {
        var parent = [UInt64: UInt64]()
        func root(_ x: UInt64) -> UInt64 {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        var arrivals = [(day: Int32, segment: Int, doc: Int)]()
        for (s, segment) in segments.enumerated() {
            for doc in 0 ..< segment.docCount where !segment.isDeleted(doc) && segment.cluster(doc) != 0 {
                arrivals.append((segment.date(doc) ?? Int32.max, s, doc))
            }
        }
        arrivals.sort { ($0.day, $0.segment, $0.doc) < ($1.day, $1.segment, $1.doc) }
        // The clusterer's labels here are members (places in these arrays), so that a match
        // names its index.
        var clusterer = ReprintClusterer()
        var memberShard = [Int](), memberLabel = [UInt64]()
        for (_, s, doc) in arrivals {
            let segment = segments[s]
            guard let sketch = segment.sketch(doc) else { continue }
            let fingerprint = Fingerprint(hashes: sketch), label = segment.cluster(doc), day = segment.date(doc)
            if let near = clusterer.nearest(fingerprint, day: day), memberShard[Int(near.label)] != shardOfSegment[s] {
                let (a, b) = (root(memberLabel[Int(near.label)]), root(label))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
            clusterer.insert(fingerprint, label: UInt64(memberShard.count), day: day)
            memberShard.append(shardOfSegment[s])
            memberLabel.append(label)
        }
        var aliases = [UInt64: UInt64]()
        for key in parent.keys { aliases[key] = root(key) }
        return aliases
    }
}
