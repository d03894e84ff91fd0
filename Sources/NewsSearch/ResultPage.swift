import NewsIndex

/// The order of a page of results.
public enum ResultOrder: String, CaseIterable, Sendable {
    /// Best first: complete matches, then partial ones.
    case relevance
    /// Newest first, among the articles that hold the whole query.
    case date
}

/// What a page of results is asked with.
public struct PageRequest: Sendable {
    /// The search (`options.limit` is the page's size; 0 asks for every result).
    public var options = Searcher.Options()
    /// Results skipped before the page (after reprints are folded).
    public var offset = 0
    public var order = ResultOrder.relevance
    /// Whether the copies of a reprinted story fold into its best-ranked copy (and count once).
    public var collapse = true
    /// Whether to count the articles that hold the whole query (`ResultPage.total`).
    public var countsTotal = false
    /// That count when the caller knows it already (an earlier page of the same query and
    /// filters on the same index, as a server's cache keeps it): it is then not counted again.
    public var knownTotal: Int?

    public init() {}
}

/// One page of results: reprints folded, `offset` results skipped, and where the page stands.
public struct ResultPage: Sendable {
    public struct Entry: Sendable {
        public var hit: Hit
        /// 1 for the first result of all (not of the page).
        public var rank: Int
        /// The sources of the copies folded into this result, in rank order, as stored
        /// (a copy without a source by its location); `ArticleSummary.alsoIn` has them once each.
        public var reprintSources: [String]
    }

    public var entries: [Entry]
    /// Results skipped before the page.
    public var offset: Int
    /// Whether the query matched anything at all (a page past the end can be empty when it did).
    public var matched: Bool
    /// The articles that hold the whole query, counted by the counting rule (`Counter`), when asked for.
    public var total: Int?
    /// Whether the page is full and results may follow it: more articles hold the whole
    /// query than the pages so far show, or the search found more than it shows (partial
    /// matches, or copies folded away, which the page cannot tell apart from further results).
    public var hasMore: Bool

    /// Every hit as a result of its own, in order (no folding, no paging, no total).
    public init(hits: [Hit]) {
        entries = hits.enumerated().map { Entry(hit: $1, rank: $0 + 1, reprintSources: []) }
        offset = 0
        matched = !hits.isEmpty
        total = nil
        hasMore = false
    }

    init(entries: [Entry], offset: Int, matched: Bool, total: Int?, hasMore: Bool) {
        self.entries = entries
        self.offset = offset
        self.matched = matched
        self.total = total
        self.hasMore = hasMore
    }
}

extension Searcher {
    /// Results `offset + 1` to `offset + limit` of a query, reprints folded into their
    /// best-ranked copy (which lists the others' sources), with the number of articles
    /// that hold the whole query when `request.countsTotal` is set.
    /// - Complexity: a search for a few pages' worth of results (folded reprints need room);
    ///   by date, and for the total when the page does not hold every match, a search for
    ///   every complete match.
    public func page(_ query: Query, _ request: PageRequest) throws -> ResultPage {
        let limit = request.options.limit, offset = request.offset, collapse = request.collapse
        var wanted = request.options
        let needed = limit > 0 ? min(limit, 1_000_000) + offset : 0
        // Room for the reprints that fold away: four results for each one shown.
        if limit > 0 { wanted.limit = collapse ? needed * 4 : needed }
        var hits: [Hit]
        if request.order == .date {
            hits = try completeMatches(query, request.options)
            hits.sort { a, b in
                let (da, db) = (reader.segments[a.segment].date(a.doc) ?? .min, reader.segments[b.segment].date(b.doc) ?? .min)
                if da != db { return da > db }
                return a.score != b.score ? a.score > b.score : reader.precedes(a.segment, a.doc, b.segment, b.doc)
            }
        } else {
            hits = try search(query, options: wanted).hits
        }
        var total: Int? = nil
        if request.countsTotal {
            if let known = request.knownTotal {
                total = known
            } else if request.order == .date || wanted.limit == 0 || hits.count < wanted.limit {
                // Every complete match is among the hits already.
                total = Counter.count(hits.filter(\.complete), reader: reader, collapse: collapse)
            } else {
                total = try self.total(query, options: request.options, collapse: collapse)
            }
        }
        // Reprints of one story fold into its best-ranked copy.
        var shown = [Hit]()
        var folded = [UInt64: Int]()
        var also = [Int: [String]]()
        for hit in hits {
            let cluster = reader.cluster(hit.segment, hit.doc)
            if collapse, cluster != 0, let first = folded[cluster] {
                if first >= offset {
                    let a = try reader.segments[hit.segment].stored(hit.doc)
                    also[first, default: []].append(a.source.isEmpty ? a.location : a.source)
                }
                continue
            }
            if limit > 0 && shown.count == offset + limit { if collapse { continue } else { break } }
            if cluster != 0 { folded[cluster] = shown.count }
            shown.append(hit)
        }
        let entries = shown.indices.dropFirst(offset).map { ResultPage.Entry(hit: shown[$0], rank: $0 + 1, reprintSources: also[$0] ?? []) }
        let more = limit > 0 && entries.count == limit
            && (total.map { offset + entries.count < $0 } ?? false || hits.count > shown.count)
        return ResultPage(entries: entries, offset: offset, matched: !hits.isEmpty, total: total, hasMore: more)
    }

    /// The number of articles that hold the whole query (the counting rule of `Counter`:
    /// with `collapse`, a reprinted story once).
    /// - Complexity: a search for every complete match, unscored.
    public func total(_ query: Query, options: Options, collapse: Bool) throws -> Int {
        Counter.count(try completeMatches(query, options, scored: false), reader: reader, collapse: collapse)
    }

    /// Every article that holds the whole query, in no order that matters; `scored: false`
    /// leaves every score 0 (enough to count them).
    func completeMatches(_ query: Query, _ options: Options, scored: Bool = true) throws -> [Hit] {
        var every = options
        every.limit = 0
        every.all = true
        every.ranking.leadDepth = 0  // order does not matter here
        every.scoresMatches = scored
        return try search(query, options: every).hits
    }
}
