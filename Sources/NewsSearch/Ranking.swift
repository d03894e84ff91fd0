/// How articles are scored: BM25F over headline and body, the weights of the query's
/// kinds of terms, and the signals that re-order the first results.
///
/// Fields are combined BM25F-style: each field's frequency is length-normalized, the
/// headline's multiplied by `headlineBoost`, and the sum saturates once. The figures
/// behind the defaults are in the commit messages that set them and in the README's
/// ranking section.
public struct Ranking: Sendable {
    public var k1 = 1.2
    public var b = 0.75
    public var headlineBoost = 2.5
    /// Weight of dictionary/lexicon words beside the recall-safe bigrams.
    public var wordWeight = 0.6
    /// Weight of a query bigram that crosses a word boundary in a sentence-length run
    /// (`QueryPlanner.crossingBigrams`: 国总, 理将, 将访 of 德国总理将访华), beside 1 for
    /// the others: such a bigram is a phrasing, not a subject, and an article that shares
    /// the query's phrasing is no more about it. 1 turns it off.
    public var boundaryWeight = 0.5
    /// Weight of a query term found only inside 【】 or 〖〗 (`QueryPlanner.bracketed`), when the
    /// clause has terms outside them: a column's name before a headline (【新思想引领新征程】) says
    /// which series a story is in, not what it is about. 1 turns it off.
    public var frameWeight = 0.3
    /// Partial matches are scaled by (matched terms / query terms) to this power:
    /// 1 favours articles with more of the query, 0 is plain BM25.
    public var coordination = 0.5
    /// How many results, from the top of the whole list, the re-ranking `signals` re-order
    /// (each tier within itself). A little more than a page, so that an article just below
    /// the first page can rise into it.
    public var leadDepth = 12
    /// What re-orders the first `leadDepth` results, in the order their bonuses are added
    /// (see `Searcher.rerank`). A new signal is a type conforming to `RerankSignal`, in a
    /// file of its own, added here.
    public var signals: [any RerankSignal] = [LeadSignal(), NumberSignal(), CoverageSignal()]

    /// Whether any re-ranking signal is on (then the first `leadDepth` results are re-ordered).
    var reranks: Bool { signals.contains { $0.isOn } }

    public init() {}

    /// The signal of type `S` among `signals`, if there is one.
    public func signal<S: RerankSignal>(_: S.Type) -> S? {
        signals.lazy.compactMap { $0 as? S }.first
    }

    /// `signal` in place of the signal of its type (appended when there is none).
    public mutating func use<S: RerankSignal>(_ signal: S) {
        if let i = signals.firstIndex(where: { $0 is S }) { signals[i] = signal } else { signals.append(signal) }
    }
}
