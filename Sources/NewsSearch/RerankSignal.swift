import NewsIndex

/// Something BM25F misses that re-orders the first results of a query: a bonus added
/// to the score of each of the first `Ranking.leadDepth` hits of a tier.
///
/// A signal is a value (its weights); `Ranking.signals` lists those in use.
public protocol RerankSignal: Sendable {
    /// Whether the signal can add anything (a weight of 0 turns it off).
    var isOn: Bool { get }
    /// What the signal adds to the score of `doc`, or nil when it adds nothing.
    /// - Complexity: O(query terms) cursor moves, each decoding at most one postings
    ///   block and reading one position.
    func bonus(for doc: Int32, in context: RerankContext) throws -> Double?
}

/// The query as a re-ranking signal reads it in one segment: one cursor per query term.
/// Cursors only move forward: documents are asked for in increasing order.
public struct RerankContext {
    /// The segment of the documents asked for.
    let segment: SegmentReader
    /// Every query term once (a term in a `title:` clause and in a plain one has one
    /// cursor, the one that also reads the body).
    let terms: [TermCursor]
    /// The terms that have positions: all but dictionary words.
    let units: [TermCursor]
    /// The numbers and Latin tokens among `units`.
    let numbers: [TermCursor]

    init(segment: SegmentReader, plan: SegmentPlan) {
        self.segment = segment
        var seen = Set<TermText>()
        let all = plan.scoringUnits + plan.words
        terms = (all.filter { !$0.headlineOnly } + all.filter(\.headlineOnly)).filter { seen.insert($0.term).inserted }
        units = terms.filter { $0.term.kind != .word }  // words have no positions
        numbers = units.filter { $0.term.kind == .number || $0.term.kind == .letters }
    }
}
