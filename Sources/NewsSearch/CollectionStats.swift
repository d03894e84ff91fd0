import Foundation
import NewsIndex
import NewsText

/// What BM25F takes from the whole collection: the number of articles, the summed field
/// lengths (for the average lengths) and, per query term, its document frequency. Every
/// figure is a sum over segments, so the statistics of several indexes are the sums of
/// theirs (`merged(with:)`), and an index scoring with the statistics of a group of
/// indexes scores exactly as one index over all their articles would (as Elasticsearch's
/// `dfs_query_then_fetch` does). Block-max and MaxScore bounds are computed from the same
/// idf and averages, so pruning stays exact.
///
/// Counting follows one index: deleted articles still count in `documents`, the length
/// sums and the document frequencies until a merge drops them (as Lucene counts them). A
/// term's idf takes the larger of its headline and body frequencies, each summed over all
/// segments, so that it does not depend on how articles are cut into segments or shards.
///
/// JSON (`news-search stats`): `{"documents":75,"headline_length_sum":…,"body_length_sum":…,
/// "terms":{"bigram:淄博":[3,4],"word:高新区":[2,2],…}}`: per term, its document frequency in
/// the headline and in the body (idf takes the larger of the two sums); a term is its kind, a colon and its
/// normalized text, with `*` after a one-character prefix term and `<`, `>` or `~` before
/// a letters/number token cut by an exact string's edge (starts with, ends with, contains).
public struct CollectionStats: Codable, Sendable, Equatable {
    /// Articles, live and deleted (idf's N).
    public var documents: Int
    public var headlineLengthSum: UInt64
    public var bodyLengthSum: UInt64
    /// Document frequencies per term key (see the type's description): in the headline and in
    /// the body, each summed over segments.
    public var terms: [String: [Int]]

    enum CodingKeys: String, CodingKey {
        case documents, terms
        case headlineLengthSum = "headline_length_sum"
        case bodyLengthSum = "body_length_sum"
    }

    public init(documents: Int = 0, headlineLengthSum: UInt64 = 0, bodyLengthSum: UInt64 = 0, terms: [String: [Int]] = [:]) {
        self.documents = documents
        self.headlineLengthSum = headlineLengthSum
        self.bodyLengthSum = bodyLengthSum
        self.terms = terms
    }

    /// The collection-wide figures of `segments`, without terms.
    init(segments: [SegmentReader]) {
        self.init(documents: segments.reduce(0) { $0 + $1.docCount },
                  headlineLengthSum: segments.reduce(0) { $0 + $1.headlineLengthSum },
                  bodyLengthSum: segments.reduce(0) { $0 + $1.bodyLengthSum })
    }

    /// The sums of both (statistics of disjoint indexes: shards).
    public func merged(with other: CollectionStats) -> CollectionStats {
        CollectionStats(documents: documents + other.documents, headlineLengthSum: headlineLengthSum + other.headlineLengthSum,
                        bodyLengthSum: bodyLengthSum + other.bodyLengthSum,
                        terms: terms.merging(other.terms) { a, b in zip(a, b).map(+) })
    }

    /// idf's N: at least 1.
    var documentCount: Double { Double(max(1, documents)) }

    /// The average length of each field (headline, body), as `IndexReader.averageLength` computes it.
    var averages: (Double, Double) {
        guard documents > 0 else { return (1, 1) }
        return (max(1, Double(headlineLengthSum) / Double(documents)), max(1, Double(bodyLengthSum) / Double(documents)))
    }

    /// The statistics in JSON, keys sorted (one line).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads statistics written by `json()`.
    /// - Throws: `CollectionStatsError.unreadable` naming the file.
    public static func read(file: String) throws -> CollectionStats {
        guard let data = FileManager.default.contents(atPath: file) else { throw CollectionStatsError.unreadable(file: file, detail: "cannot read it") }
        do { return try JSONDecoder().decode(CollectionStats.self, from: data) } catch {
            throw CollectionStatsError.unreadable(file: file, detail: "not statistics written by news-search stats (\(error))")
        }
    }

    /// The key of a query term in `terms`.
    static func key(_ t: TermText) -> String {
        let mark: String
        switch t.partial {
        case .none: mark = ""
        case .startsWith: mark = "<"
        case .endsWith: mark = ">"
        case .contains: mark = "~"
        }
        return "\(t.kind):\(mark)\(t.text)\(t.prefix ? "*" : "")"
    }
}

/// Statistics that cannot be used.
public enum CollectionStatsError: Error, CustomStringConvertible, Equatable {
    case unreadable(file: String, detail: String)
    /// The given statistics lack a term of the query: they were collected for other queries.
    case missingTerm(String)

    public var description: String {
        switch self {
        case let .unreadable(file, detail): return "\(file): \(detail)"
        case let .missingTerm(term):
            return "the global statistics lack the query term \(term): collect them for these queries (news-search stats)"
        }
    }
}
