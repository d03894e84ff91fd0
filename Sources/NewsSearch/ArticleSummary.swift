import NewsCatalog
import NewsIndex
import NewsIngest
import NewsText

/// A result as it is shown: the stored article with its metadata, tags by name, and the
/// query's matches in a snippet and in the headline.
public struct ArticleSummary: Sendable {
    public var rank: Int
    public var id: String
    public var score: Double
    /// `2024-03-19`, or "" when the article has no date.
    public var date: String
    public var article: StoredArticle
    /// Region codes and their paths (`山东省淄博市张店区`).
    public var regions: [(code: Int32, name: String)]
    /// Industry codes as printed (`C3825`, `S6.3`) and names.
    public var industries: [(code: String, name: String)]
    /// The reprint cluster (0: none).
    public var cluster: UInt64
    public var snippet: Snippet
    /// The query's matches in the headline (scalar offsets).
    public var headlineMatches: [Range<Int>]
    /// Sources of reprints folded into this result, each once, without the article's own.
    public var alsoIn: [String]
    /// The whole body, when asked for.
    public var body: String?
}

/// A copy of a reprinted story (see `Searcher.reprints(of:)`).
public struct Reprint: Sendable, Equatable {
    public var id: String
    public var source: String
    /// `2024-03-19`, or "".
    public var date: String
}

/// Makes `ArticleSummary`s of the hits of one query at a time (`prepare`, then `summary`).
/// Catalogs are loaded on first use: a count or an empty result needs none.
public final class Summarizer {
    public let reader: IndexGroup
    let highlighter: Highlighter
    private var regions: RegionCatalog?
    private var industries: IndustryCatalog?

    public init(reader: IndexGroup, lexicon: Lexicon) throws {
        self.reader = reader
        highlighter = Highlighter(analyzer: try Analyzer(lexicon: lexicon))
    }

    public convenience init(reader: IndexReader, lexicon: Lexicon) throws {
        try self.init(reader: IndexGroup(reader), lexicon: lexicon)
    }

    /// Highlights the matches of `query` from now on (an empty query highlights nothing).
    public func prepare(_ query: Query) throws { try highlighter.prepare(query) }

    /// The summary of `hit` at `rank`; `reprintSources` are the sources of the copies folded into
    /// it (`ResultPage.Entry`), `body` adds the whole body.
    public func summary(_ hit: Hit, rank: Int, reprintSources: [String] = [], body: Bool = false) throws -> ArticleSummary {
        let segment = reader.segments[hit.segment]
        let article = try segment.stored(hit.doc)
        let regions = try self.regions ?? RegionCatalog.shared()
        let industries = try self.industries ?? IndustryCatalog.shared()
        (self.regions, self.industries) = (regions, industries)
        return ArticleSummary(
            rank: rank, id: segment.id(hit.doc), score: hit.score,
            date: segment.date(hit.doc).map { Day(number: $0).description } ?? "",
            article: article,
            regions: segment.regions(hit.doc).map { ($0, regions.path($0)) },
            industries: segment.industries(hit.doc).compactMap { id in industries.industry(id: id).map { (industries.displayCode($0), $0.name) } },
            cluster: reader.cluster(hit.segment, hit.doc),
            snippet: try highlighter.snippet(article.body.isEmpty ? article.headline : article.body),
            headlineMatches: try highlighter.matches(in: article.headline),
            alsoIn: Self.otherSources(reprintSources, besides: article.source),
            body: body ? article.body : nil)
    }

    /// The sources of folded copies, each once and without the shown copy's own:
    /// copies that name the same origin (转自) are one source, not several.
    static func otherSources(_ names: [String], besides shown: String) -> [String] {
        var seen: Set<String> = [shown]
        return names.filter { seen.insert($0).inserted }
    }
}

extension Searcher {
    /// The live article with `id`, if the index holds one.
    /// - Complexity: one id lookup per segment.
    public func article(id: String) -> Hit? {
        for (s, segment) in reader.segments.enumerated() {
            for doc in segment.docs(withID: id) where !segment.isDeleted(doc) {
                return Hit(segment: s, doc: doc, score: 0, complete: true)
            }
        }
        return nil
    }

    /// The other live copies of the story `hit` is a copy of, in index order (none when it
    /// was not reprinted).
    /// - Complexity: O(articles) cluster column reads, and one stored article per copy.
    public func reprints(of hit: Hit) throws -> [Reprint] {
        let cluster = reader.cluster(hit.segment, hit.doc)
        guard cluster != 0 else { return [] }
        var copies = [Reprint]()
        for (s, other) in reader.segments.enumerated() {
            for d in 0 ..< other.docCount where !other.isDeleted(d) && reader.cluster(s, d) == cluster && !(s == hit.segment && d == hit.doc) {
                let a = try other.stored(d)
                copies.append(Reprint(id: other.id(d), source: a.source, date: other.date(d).map { Day(number: $0).description } ?? ""))
            }
        }
        return copies
    }
}
