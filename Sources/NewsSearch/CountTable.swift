import NewsCatalog
import NewsIndex

/// What a table of counts is asked with.
public struct CountRequest: Sendable {
    /// Rows, then columns (one or two dimensions).
    public var dimensions: [Dimension]
    /// Only the rows of the `top` largest keys of the first dimension (not for time).
    public var top: Int?
    /// Whether each row also gets its count as a share of all the articles in its row
    /// (the same filters without the query).
    public var shares = false
    /// Whether a reprinted story counts once (see `Counter`).
    public var collapse = true
    /// Reprint clusters whose copies are also in other indexes (a shard's local label → the
    /// label of the whole group, `IndexGroup.spanningClusters`): with `collapse`, the copy of
    /// such a story that would count here is not counted but listed in `CountTable.apart`, so
    /// that a coordinator summing shards' tables counts each story once.
    public var apart: [UInt64: UInt64] = [:]

    public init(dimensions: [Dimension], top: Int? = nil, shares: Bool = false, collapse: Bool = true) {
        self.dimensions = dimensions
        self.top = top
        self.shares = shares
        self.collapse = collapse
    }
}

/// Counts of the articles that hold a whole query, by one or two dimensions (`Counter`).
public struct CountTable: Sendable {
    public struct Row: Sendable {
        /// One key per dimension ("山东省", "2024-03", "C 制造业", "(none)").
        public var keys: [String]
        public var count: Int
        /// `count` over all the articles of the row's keys that the filters let through.
        public var share: Double?
    }

    public var dimensions: [Dimension]
    /// Time rows in order, without gaps; other rows largest first.
    public var rows: [Row]
    /// The articles counted (an article tagged twice counts in two rows, once here).
    public var total: Int
    /// The copies left out of `rows` because their story is also in other indexes
    /// (`CountRequest.apart`).
    public var apart: [Copy] = []

    /// A copy of a story that spans indexes, as a coordinator needs it: of all such copies with
    /// one `cluster`, the one with the earliest day, then the smallest id (UTF-8 bytes),
    /// counts, under each of its `keys` (one key per dimension, as in `rows`).
    public struct Copy: Sendable {
        public var cluster: UInt64
        public var day: Int32?
        public var id: String
        public var keys: [[String]]
    }

    /// The rows for programs (`csv`, `json`): a region or industry key as two columns, code
    /// and name; `names` are the dimensions as the user wrote them (`region` or `province`),
    /// which name the columns (`region_code`, `region_name`, `month`).
    public func longFormat(names: [String]) throws -> (columns: [String], rows: [[String]]) {
        let counter = Counter(regions: try RegionCatalog.shared(), industries: try IndustryCatalog.shared())
        let coded: [Dimension] = [.province, .city, .industry, .division, .strategic]
        var columns = [String]()
        for (d, name) in zip(dimensions, names) {
            let column = d == .province ? "region" : d == .city ? "city" : d == .division ? "division" : name
            columns += coded.contains(d) ? [column + "_code", column + "_name"] : [column]
        }
        return (columns, rows.map { longKeys($0.keys, counter) })
    }

    /// One row's keys as `longFormat` writes them.
    func longKeys(_ rowKeys: [String], _ counter: Counter) -> [String] {
        var keys = [String]()
        for (d, k) in zip(dimensions, rowKeys) {
            if [.province, .city, .industry, .division, .strategic].contains(d) {
                let (code, name) = counter.split(k, d)
                keys += [code, name]
            } else {
                keys.append(k)
            }
        }
        return keys
    }

    /// `apart`'s copies in the long format: per copy, each of its keys as `longFormat` writes them.
    public func longFormatApart() throws -> [(copy: Copy, keys: [[String]])] {
        let counter = Counter(regions: try RegionCatalog.shared(), industries: try IndustryCatalog.shared())
        return apart.map { c in (c, c.keys.map { longKeys($0, counter) }) }
    }
}

extension Searcher {
    /// The articles that hold the whole query, counted by `request.dimensions` (see `Counter`
    /// for the counting rule; `options.limit` does not apply).
    /// - Complexity: a search for every complete match (and, for shares, for every article the
    ///   filters let through), then one pass over them reading columns.
    public func counts(_ query: Query, options: Options, _ request: CountRequest) throws -> CountTable {
        var hits = try completeMatches(query, options, scored: false)
        let counter = Counter(regions: try RegionCatalog.shared(), industries: try IndustryCatalog.shared())
        let filters = options.filters
        var apart = [CountTable.Copy]()
        if request.collapse && !request.apart.isEmpty {
            // The copy that counts here, of a story that other indexes hold too, is the coordinator's to count.
            let counted = Counter.counted(hits, reader: reader, collapse: true)
            hits = []
            for hit in counted {
                let segment = reader.segments[hit.segment]
                if let cluster = request.apart[reader.cluster(hit.segment, hit.doc)] {
                    apart.append(CountTable.Copy(cluster: cluster, day: segment.date(hit.doc), id: segment.id(hit.doc),
                                                 keys: counter.combinations(request.dimensions, segment, hit.doc)))
                } else {
                    hits.append(hit)
                }
            }
        }
        var rows = counter.count(hits, reader: reader, by: request.dimensions, collapse: request.collapse, from: filters.from, to: filters.to)
        if let top = request.top {
            // Rows come largest first: keep the first `top` distinct row keys.
            var kept = [String]()
            for r in rows where !kept.contains(r.keys[0]) && kept.count < top { kept.append(r.keys[0]) }
            rows = rows.filter { kept.contains($0.keys[0]) }
        }
        let total = Counter.counted(hits, reader: reader, collapse: request.collapse).count
        var shares: [Double]? = nil
        if request.shares {
            // Every article the filters let through, counted along the same dimensions.
            let everything = try completeMatches(try Query.parse(""), options, scored: false)
            let baseline = counter.count(everything, reader: reader, by: request.dimensions, collapse: request.collapse,
                                         from: filters.from, to: filters.to)
            var of = [[String]: Int]()
            for b in baseline { of[b.keys] = b.count }
            shares = rows.map { r in of[r.keys].map { $0 > 0 ? Double(r.count) / Double($0) : 0 } ?? 0 }
        }
        let table = rows.enumerated().map { CountTable.Row(keys: $1.keys, count: $1.count, share: shares?[$0]) }
        return CountTable(dimensions: request.dimensions, rows: table, total: total, apart: apart)
    }
}
