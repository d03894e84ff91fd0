import NewsIndex

// MARK: Re-ranking

extension Searcher {
    /// Adds the bonuses of `ranking.signals` (in their order) to the first `depth` hits of a
    /// tier, which are in BM25F order, and re-orders them; hits beyond keep their order and
    /// scores. Equal scores keep their BM25F order.
    /// - Complexity: O(depth × signals × query terms) cursor moves, each decoding at most
    ///   one postings block and reading one position.
    /// `lone`: a single hit gets its bonuses too (`Options.scoresLoneHits`).
    func rerank(_ hits: inout [Hit], depth: Int, _ plans: [SegmentPlan], _ ranking: Ranking, lone: Bool = false) throws {
        let depth = min(hits.count, depth)
        guard ranking.reranks, depth > (lone ? 0 : 1) else { return }
        let signals = ranking.signals.filter(\.isOn)
        // Cursors move forward only: the hits are visited in index order.
        let order = hits[..<depth].indices.sorted { (hits[$0].segment, hits[$0].doc) < (hits[$1].segment, hits[$1].doc) }
        var segment = -1
        var context: RerankContext?
        for i in order {
            if hits[i].segment != segment {
                for t in context?.terms ?? [] { t.rewind() }
                segment = hits[i].segment
                context = RerankContext(segment: plans[segment].segment, plan: plans[segment])
            }
            guard let context else { continue }
            for signal in signals {
                if let bonus = try signal.bonus(for: Int32(hits[i].doc), in: context) { hits[i].score += bonus }
            }
        }
        for t in context?.terms ?? [] { t.rewind() }
        let reordered = hits[..<depth].enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
        hits.replaceSubrange(..<depth, with: reordered)
    }
}
