import NewsIndex
import NewsIngest

/// Several indexes searched as one: their segments in one list, shard after shard, so
/// that a `Hit`'s segment number, the tie rule (segment, then document) and every
/// statistic summed over segments (document frequencies, articles, field lengths) are
/// those of one index holding the same segments in that order.
///
/// One index is a group of one. Article ids are expected to be unique across the
/// indexes (the Spark build partitions by id hash); an id held by two indexes is shown
/// from the first by `Searcher.article(id:)`.
///
/// Reprint clusters: an index labels a cluster with the fingerprint of its first copy,
/// so identical copies carry the same label in every index; copies that were edited
/// may carry different labels in different indexes. A group of several indexes joins
/// such labels once, on first use (`cluster(_:_:)`), by looking each article's
/// fingerprint up among the earlier indexes' articles as the indexer does (same
/// similarity threshold, same three-day window), so a story folds and counts once
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

    /// Labels of one story in different indexes → one label (the earlier index's).
    private func joinClusters() -> [UInt64: UInt64] {
        var parent = [UInt64: UInt64]()
        func root(_ x: UInt64) -> UInt64 {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        var clusterer = ReprintClusterer()
        for reader in readers {
            let own = reader.segments
            for segment in own {
                for doc in 0 ..< segment.docCount where !segment.isDeleted(doc) {
                    guard let sketch = segment.sketch(doc) else { continue }
                    let label = segment.cluster(doc)
                    if let near = clusterer.nearest(Fingerprint(hashes: sketch), day: segment.date(doc)) {
                        let (a, b) = (root(near.label), root(label))
                        if a != b { parent[b] = a }
                    }
                }
            }
            // Only earlier indexes are looked in: within one index the indexer has joined them.
            for segment in own {
                for doc in 0 ..< segment.docCount where !segment.isDeleted(doc) {
                    if let sketch = segment.sketch(doc) { clusterer.insert(Fingerprint(hashes: sketch), label: segment.cluster(doc), day: segment.date(doc)) }
                }
            }
        }
        var aliases = [UInt64: UInt64]()
        for key in parent.keys { aliases[key] = root(key) }
        return aliases
    }
}
