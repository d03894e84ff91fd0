import NewsIndex

// MARK: The lead and the headline

extension Searcher {
    /// Two signals that BM25F misses, for the first `depth` hits of a tier (in BM25F
    /// order, then re-ordered; hits beyond keep their order and scores):
    /// - the lead: news puts what a story is about first (the inverted pyramid), so
    ///   every query unit whose first body occurrence lies within the first
    ///   `leadLength` characters of the normalized body adds `leadWeight` × its idf;
    /// - the headline's coverage: an article whose headline is mostly the query is
    ///   about it, so the share of the headline's tokens that are query terms, times
    ///   the idf of the query terms found there, is added `coverageWeight` times;
    /// - the query's numbers and Latin tokens: each one the article holds adds
    ///   `numberWeight` × its idf (recurring reports differ in their numbers).
    /// - Complexity: O(depth × query terms) cursor moves, each decoding at most one
    ///   postings block and reading one position.
    func rerank(_ hits: inout [Hit], depth: Int, _ plans: [SegmentPlan], _ ranking: Ranking) throws {
        let depth = min(hits.count, depth)
        guard ranking.reranks, depth > 1 else { return }
        let order = hits[..<depth].indices.sorted { (hits[$0].segment, hits[$0].doc) < (hits[$1].segment, hits[$1].doc) }
        var segment = -1
        var units = [TermCursor](), terms = [TermCursor](), numbers = [TermCursor]()
        for i in order {
            if hits[i].segment != segment {
                for t in terms { t.rewind() }
                segment = hits[i].segment
                let plan = plans[segment]
                // One cursor per term (a term in a title: clause and in a plain one has two),
                // the one that also reads the body first.
                var seen = Set<TermText>()
                let all = plan.scoringUnits + plan.words
                terms = (all.filter { !$0.headlineOnly } + all.filter(\.headlineOnly)).filter { seen.insert($0.term).inserted }
                units = terms.filter { $0.term.kind != .word }  // words have no positions
                numbers = units.filter { $0.term.kind == .number || $0.term.kind == .letters }
            }
            let doc = Int32(hits[i].doc)
            if ranking.leadWeight > 0 {
                var idf = 0.0
                for u in units {
                    if let p = try u.firstPosition(of: doc, in: .body), Int(p) < ranking.leadLength { idf += u.idf }
                }
                hits[i].score += ranking.leadWeight * idf
            }
            if ranking.numberWeight > 0 {
                var idf = 0.0
                for n in numbers where try n.frequency(of: doc, in: .body) > 0 || n.frequency(of: doc, in: .headline) > 0 { idf += n.idf }
                hits[i].score += ranking.numberWeight * idf
            }
            let length = plans[segment].segment.length(Int(doc), .headline)
            if ranking.coverageWeight > 0 && length > 0 {
                var matched: UInt64 = 0, idf = 0.0
                for t in terms {
                    let f = try t.frequency(of: doc, in: .headline)
                    if f > 0 { matched += f; idf += t.idf }
                }
                hits[i].score += ranking.coverageWeight * min(1, Double(matched) / Double(length)) * idf
            }
        }
        for t in terms { t.rewind() }
        // Stable: equal scores keep their BM25F order.
        let reordered = hits[..<depth].enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
        hits.replaceSubrange(..<depth, with: reordered)
    }
}
