import Foundation
import NewsIndex
import NewsText

/// A result: where the article is and how it scored.
public struct Hit: Sendable, Equatable {
    public var segment: Int
    public var doc: Int
    public var score: Double
    /// True when the article matched every clause (the top tier); false for partial matches.
    public var complete: Bool
    /// The BM25F score before re-ranking (`score` adds the re-ranking bonuses, if any): what
    /// a coordinator merging several indexes' lists orders by, as one index does before re-ranking.
    public var bm25: Double

    public init(segment: Int, doc: Int, score: Double, complete: Bool) {
        self.segment = segment
        self.doc = doc
        self.score = score
        self.complete = complete
        bm25 = score
    }
}

/// Runs queries against one `IndexReader`.
///
/// Ranking: articles that satisfy every clause come first (each clause needs
/// all its bigrams; an exact string needs them in place), scored by BM25F over
/// headline and body plus a weighted share for dictionary words. Unless
/// `all` is set, partial matches follow, scored the same way and scaled by the
/// share of query terms they contain. Top-k uses MaxScore pruning over
/// per-segment term maxima; `exhaustive` turns pruning off (results are equal,
/// which the tests check). The first results are then re-ordered by the re-ranking
/// signals of `Ranking.signals` (`rerank`, in Searcher+Rerank.swift).
public final class Searcher {
    public struct Options: Sendable {
        public var limit = 10
        public var all = false
        public var ranking = Ranking()
        public var filters = Filters()
        public var exhaustive = false
        /// Adds the re-ranking bonuses to a tier's first hit even when it is the tier's only one
        /// (one index leaves a lone hit's score alone: nothing to re-order). A shard of a larger
        /// collection needs it, since its lone hit may be re-ranked among other shards' hits.
        public var scoresLoneHits = false
        /// Whether complete matches are scored; a count (`Searcher.total`) needs none of their
        /// scores, which spares reading the terms' frequencies and the words' postings.
        var scoresMatches = true
        public init() {}
    }

    /// The indexes searched, as one (usually one index).
    public let reader: IndexGroup
    let analyzer: Analyzer
    /// Average field lengths (headline, body): the group's own, or those of `globalStats`.
    private var averages: (Double, Double)
    private var positionsA: [UInt32] = [], positionsB: [UInt32] = [], scratch: [UInt32] = []

    /// Statistics to score with instead of the indexes' own (`CollectionStats`): those of a
    /// larger collection that these indexes are shards of. Nil: the indexes' own.
    public var globalStats: CollectionStats? {
        didSet { averages = (globalStats ?? CollectionStats(segments: reader.segments)).averages }
    }

    public init(reader: IndexGroup, analyzer: Analyzer) {
        self.reader = reader
        self.analyzer = analyzer
        averages = CollectionStats(segments: reader.segments).averages
    }

    public convenience init(reader: IndexReader, analyzer: Analyzer) {
        self.init(reader: IndexGroup(reader), analyzer: analyzer)
    }

    /// The indexes' own statistics for every term of `queries` (never `globalStats`): what a
    /// shard sends a coordinator, which sums the shards' and hands the sum back as `globalStats`.
    /// - Complexity: one dictionary lookup per term, field and segment.
    public func statistics(for queries: [Query]) throws -> CollectionStats {
        var stats = CollectionStats(segments: reader.segments)
        for query in queries {
            let clauses = QueryPlanner.droppingStrayPunctuation(try QueryPlanner.plan(query, analyzer: analyzer))
            let terms = try QueryTerms(clauses, reader.segments, stats: nil)
            for (i, t) in terms.terms.enumerated() { stats.terms[CollectionStats.key(t)] = terms.fieldFreq[i] }
        }
        return stats
    }

    public struct Result: Sendable {
        public var hits: [Hit]
        /// Matching articles (all tiers), counted when asked for.
        public var total: Int?
    }

    /// The top `options.limit` articles (all when 0). An empty query lists the
    /// filtered articles, newest first.
    public func search(_ query: Query, options: Options, count: Bool = false) throws -> Result {
        let clauses = QueryPlanner.droppingStrayPunctuation(try QueryPlanner.plan(query, analyzer: analyzer))
        // Checked in place: a filtered copy retained every array of every clause it kept.
        if !clauses.contains(where: { $0.clause.occur != .mustNot && !$0.isLiteral }) {
            // Text with nothing to index (punctuation, symbols: `！`, `……`) is looked for in the
            // stored articles, as grep would; an empty query or one that only excludes lists them all.
            return try listByDate(clauses, options: options, count: count)
        }
        // Re-ranking needs the first `leadDepth` of each tier, whatever the limit.
        let lead = options.ranking.reranks ? options.ranking.leadDepth : 0
        var complete = TopK(limit: options.limit == 0 ? 0 : max(options.limit, lead), reader)
        var total = 0
        /// Complete matches per segment, ascending (the partial tier skips them).
        var seen = [[Int32]](repeating: [], count: reader.segments.count)
        let terms = try QueryTerms(clauses, reader.segments, stats: globalStats)
        var plans = [SegmentPlan]()
        for (s, segment) in reader.segments.enumerated() {
            let plan = try SegmentPlan(segment: segment, index: s, clauses: clauses, terms: terms, ranking: options.ranking, averages: averages,
                                       searcher: self)
            try conjunctive(plan, s, options, &complete, &seen[s], &total, count: count)
            plans.append(plan)
        }
        // Unscored matches stay in index order (segment, then document): nothing to sort.
        var hits = (options.scoresMatches ? complete.sorted() : complete.items).map {
            Hit(segment: $0.segment, doc: $0.doc, score: $0.score, complete: true)
        }
        // The re-ranking signals re-order the first `leadDepth` results of the whole list, each tier within itself.
        let partialDepth = max(0, lead - hits.count)
        try rerank(&hits, depth: lead, plans, options.ranking, lone: options.scoresLoneHits)
        if options.limit > 0 { hits = Array(hits.prefix(options.limit)) }
        if !options.all && (count || options.limit == 0 || hits.count < options.limit) {
            let rest = options.limit == 0 ? 0 : options.limit - hits.count
            // Counting with the list already full: the partial tier only counts (a heap of 0 would keep every match).
            var partial = TopK(limit: options.limit == 0 ? 0 : max(rest, partialDepth, 1), reader)
            for (s, plan) in plans.enumerated() {
                plan.rewind()
                try disjunctive(plan, s, options, &partial, seen[s], &total, count: count)
            }
            var more = partial.sorted().map { Hit(segment: $0.segment, doc: $0.doc, score: $0.score, complete: false) }
            try rerank(&more, depth: partialDepth, plans, options.ranking, lone: options.scoresLoneHits)
            hits += options.limit == 0 ? more[...] : more.prefix(rest)
        }
        return Result(hits: hits, total: count ? total : nil)
    }

    // MARK: Complete matches

    private func conjunctive(_ plan: SegmentPlan, _ s: Int, _ options: Options, _ top: inout TopK, _ seen: inout [Int32],
                             _ total: inout Int, count: Bool) throws {
        guard plan.satisfiable else { return }
        let segment = plan.segment
        // Candidates: the rarest unit every match needs, or (only OR groups) any unit.
        let drivers = plan.driver.map { [$0] } ?? plan.scoringUnits
        guard !drivers.isEmpty else { return }
        // Block-max pruning on a single driver: while the heap is full, a block of the
        // driver whose bound (plus every other term's maximum) cannot beat the threshold is skipped.
        let prune = !options.exhaustive && !count && top.limit > 0 && plan.driver != nil
        let lazy = !options.exhaustive && !count && top.limit > 0
        let driver = drivers[0]
        // Every term a document's score sums: the scoring units, then the words.
        let scored = plan.scoringUnits + plan.words.filter { w in !plan.scoringUnits.contains { $0 === w } }
        // The block maxima of every scored term over a window of documents bound any score in it.
        // Documents that no scored term's headline postings hold are bounded by the body's
        // block maxima alone: when those cannot beat the threshold, candidates come from
        // the headline postings (a common term's top results are its headline matches), if
        // they are much fewer than the driver's.
        let headlineDriven = prune && 2 * scored.reduce(0) { $0 + $1.headlineDocFreq } < driver.docFreq
        var windowEnd: Int32 = -1
        var windowBound = Double.infinity, bodyBound = Double.infinity
        let lengths = segment.lengthPairs
        let required = plan.requiredByRarity
        let leapfrog = plan.driver != nil
        // A plain query matches a document that holds every required unit (as `SegmentPlan.matchesAll`
        // finds, reading the plan's lazy lists each time).
        let plain = plan.plain
        /// BM25F of `doc` (its cursors are moved to it).
        func scoreOf(_ doc: Int32) throws -> Double {
            let norms = Norms(lengths, doc, ranking: options.ranking, averages: averages)
            var sum = 0.0
            for u in scored { sum += try u.score(at: doc, norms) }
            return sum
        }
        // While pruning, a candidate's terms are read rarest first (the rarer, the larger its
        // share of a score, as a rule), and it is dropped once its score so far plus the
        // others' block bounds (rest[k]: the terms from the k-th on) cannot beat the
        // threshold: common terms' blocks are often never decoded. Kept scores are summed
        // in `scored` order, as `scoreOf` does. (Ordering by block bounds instead did worse.)
        let order = scored.indices.sorted { (scored[$0].docFreq, $0) < (scored[$1].docFreq, $1) }
        // A candidate that lacks one of these cannot match: it is dropped as soon as one is found missing.
        let requiredAt = order.map { k in required.contains { $0 === scored[k] } }
        var rest = [Double](repeating: .infinity, count: scored.count + 1)
        var termScores = [Double](repeating: 0, count: scored.count)
        for d in drivers { try d.next() }
        while true {
            var doc = PostingsCursor.end
            // By index, through `guaranteed`: a for-in over the array retained and released each
            // cursor per candidate (atomic operations, a visible share of a conjunction's time).
            for i in drivers.indices {
                let d = drivers.guaranteed(i) { $0.doc }
                if d < doc { doc = d }
            }
            if doc == PostingsCursor.end { break }
            if prune, let threshold = top.threshold {
                if doc > windowEnd {
                    (windowBound, bodyBound, windowEnd) = window(scored, at: doc, plus: 0, options.ranking)
                    rest[order.count] = 0
                    for k in order.indices.reversed() {
                        rest[k] = rest[k + 1] + scored.guaranteed(order[k]) { $0.blockBound(at: doc, ranking: options.ranking, averages: averages).bound }
                    }
                }
                if windowBound < threshold {
                    try driver.advance(to: windowEnd + 1)
                    continue
                }
                if headlineDriven, bodyBound < threshold {
                    var next = PostingsCursor.end
                    for i in scored.indices { next = min(next, try scored.guaranteed(i) { try $0.advanceHeadline(to: doc) }) }
                    if next > doc {
                        try driver.advance(to: min(next, windowEnd + 1))
                        continue
                    }
                }
            }
            defer {
                if leapfrog {
                    // Leapfrog: every required unit is now at or past `doc`, and no document
                    // before the furthest of them can hold them all.
                    var target = doc + 1
                    for i in required.indices {
                        let d = required.guaranteed(i) { $0.doc }
                        if d > target { target = d }
                    }
                    _ = try? driver.advance(to: target)
                } else {
                    for i in drivers.indices { drivers.guaranteed(i) { d in if d.doc == doc { _ = try? d.next() } } }
                }
            }
            if segment.isDeleted(Int(doc)) { continue }
            var score: Double? = nil
            if lazy, let threshold = top.threshold {
                // The heap is full (so no partial tier follows and nothing is counted): a document
                // whose score cannot enter it needs no phrase check, which may read stored text.
                if prune {
                    let norms = Norms(lengths, doc, ranking: options.ranking, averages: averages)
                    var sum = 0.0, dropped = false
                    for k in order.indices {
                        // The margin covers the other order of summation.
                        // Below, not at: a score equal to the threshold may win on its id.
                        if (sum + rest[k]) * (1 + 1e-9) < threshold { dropped = true; break }
                        let (score, held) = try scored.guaranteed(order[k]) { t in (try t.score(at: doc, norms), t.doc == doc) }
                        if !held && requiredAt[k] { dropped = true; break }
                        termScores[order[k]] = score
                        sum += score
                    }
                    if dropped { continue }
                    sum = 0
                    for t in termScores { sum += t }
                    score = sum
                } else {
                    score = try scoreOf(doc)
                }
                guard score! >= threshold else { continue }
            }
            guard options.filters.accepts(segment, Int(doc)),
                  try plain ? SegmentPlan.hold(required, doc) : plan.matchesAll(doc, verifier: self) else { continue }
            if !options.all { seen.append(doc) }  // only partial matches need it
            total += 1
            top.insert(options.scoresMatches ? try score ?? scoreOf(doc) : 0, s, Int(doc))
        }
        // Such matches hold no unit: none when a clause outside the OR groups needs one, and none
        // that matters when nothing is counted and the heap is full of better scores.
        if plan.literalInGroup && plan.driver == nil && (count || top.limit == 0 || !((top.threshold ?? -1) > 0)) {
            try literalOnlyMatches(plan, s, options, &top, &seen, &total)
        }
    }

    /// The matches that hold no unit of any scoring clause: only possible when an OR group has
    /// a member of punctuation alone (`习近平 OR ！`), which the units cannot bring. Every other
    /// article is read (as for a query of punctuation alone); such matches score 0.
    private func literalOnlyMatches(_ plan: SegmentPlan, _ s: Int, _ options: Options, _ top: inout TopK, _ seen: inout [Int32],
                                    _ total: inout Int) throws {
        plan.rewind()
        defer { plan.rewind() }
        let units = plan.scoringUnits
        var found = [Int32]()
        for doc in Int32(0) ..< Int32(plan.segment.docCount) where !plan.segment.isDeleted(Int(doc)) {
            var holdsUnit = false
            for u in units where try u.advance(to: doc) == doc { holdsUnit = true }
            guard !holdsUnit, options.filters.accepts(plan.segment, Int(doc)), try plan.matchesAll(doc, verifier: self) else { continue }
            found.append(doc)
            total += 1
            top.insert(0, s, Int(doc))
        }
        if !options.all && !found.isEmpty { seen = (seen + found).sorted() }
    }

    /// The window from `doc` to the end of the shortest current block among `terms`,
    /// and a bound on any score in it: their block maxima there, plus `extra`.
    /// `body` bounds the documents there that no headline postings of `terms` hold.
    private func window(_ terms: [TermCursor], from first: Int = 0, at doc: Int32, plus extra: Double, _ ranking: Ranking)
        -> (bound: Double, body: Double, end: Int32) {
        var bound = extra, body = extra
        var end = PostingsCursor.end - 1
        // By index, through `guaranteed`: a for-in retained and released each cursor.
        for i in first ..< terms.count {
            let (b, bb, until) = terms.guaranteed(i) { $0.blockBound(at: doc, ranking: ranking, averages: averages) }
            bound += b
            body += bb
            end = min(end, until)
        }
        return (bound, body, end)
    }

    // MARK: Partial matches (MaxScore)

    /// MaxScore with block maxima. Terms are ordered by their upper bounds; the
    /// lowest ones whose bounds together (scaled by the coordination factor of
    /// matching only them) cannot beat the threshold are not essential: they are
    /// only probed for candidates the essential terms bring. Candidates are further
    /// skipped a window at a time while the essential terms' block maxima over the
    /// window, plus the others' upper bounds and the words', cannot beat the threshold.
    private func disjunctive(_ plan: SegmentPlan, _ s: Int, _ options: Options, _ top: inout TopK, _ exclude: [Int32],
                             _ total: inout Int, count: Bool) throws {
        let segment = plan.segment
        let lengths = segment.lengthPairs
        let terms = plan.partialUnits.sorted { $0.upperBound < $1.upperBound }
        guard !terms.isEmpty else { return }
        // A score sums its terms in the query's order, not by upper bound (a segment's own
        // figure), so that an article scores alike to the last bit in any segment or shard.
        let place = terms.map { t in plan.partialUnits.firstIndex { $0 === t } ?? 0 }
        let queryOrder = terms.indices.sorted { place[$0] < place[$1] }
        let unitCount = Double(plan.unitCount)
        let coordination = (0 ... max(1, plan.unitCount)).map { pow(Double($0) / max(unitCount, 1), options.ranking.coordination) }
        // A word can only be in a document that has all its bigrams: wordMasks[w] holds the
        // bits of those terms (0 when unknown: the word may be anywhere).
        var wordMasks = [UInt64](), wordBounds = [Double]()
        for (w, units) in zip(plan.words, plan.wordUnits) {
            var mask: UInt64 = 0
            if terms.count <= 64, let units {
                for u in units {
                    guard let i = terms.firstIndex(where: { $0 === u }) else { mask = 0; break }
                    mask |= 1 << UInt64(i)
                }
            }
            wordMasks.append(mask)
            wordBounds.append(w.upperBound)
        }
        /// The most the words can add to a document whose terms are among `present`.
        func wordsBound(_ present: UInt64) -> Double {
            var sum = 0.0
            for w in wordMasks.indices where wordMasks[w] & ~present == 0 { sum += wordBounds[w] }
            return sum
        }
        let wordBound = wordsBound(~0)
        func below(_ e: Int) -> UInt64 { e >= 64 ? ~0 : (1 << UInt64(e)) - 1 }
        // bounds[e]: the best score of a document matching only terms below e.
        var bounds = [Double](repeating: 0, count: terms.count + 1)
        // raw[e]: the sum of the upper bounds of the terms below e.
        var raw = [Double](repeating: 0, count: terms.count + 1)
        // Per term, its score on the candidate it was last found on (`foundOn`): candidates only
        // increase, so nothing is cleared per candidate. Unsafe buffers, not arrays: their writes'
        // uniqueness checks and a `removeAll` per candidate were about a tenth of an OR query.
        let termScores = UnsafeMutableBufferPointer<Double>.allocate(capacity: terms.count)
        let foundOn = UnsafeMutableBufferPointer<Int32>.allocate(capacity: terms.count)
        termScores.initialize(repeating: 0)
        foundOn.initialize(repeating: -1)
        defer {
            termScores.deallocate()
            foundOn.deallocate()
        }
        for (i, t) in terms.enumerated() {
            raw[i + 1] = raw[i] + t.upperBound
            bounds[i + 1] = (raw[i + 1] + wordsBound(below(i + 1))) * coordination[min(i + 1, coordination.count - 1)]
        }
        let prune = !options.exhaustive && !count && top.limit > 0
        for t in terms { try t.next() }
        var excluded = 0
        var windowEnd: Int32 = -1
        var windowBound = Double.infinity
        let words = plan.words
        // The threshold only rises, so the essential terms only shrink: the count of the
        // others carries over from one candidate to the next.
        var essential = 0
        while true {
            if prune, let threshold = top.threshold {
                while essential < terms.count && bounds[essential + 1] < threshold { essential += 1 }
                if essential == terms.count { break }
            }
            var doc = PostingsCursor.end
            for i in essential ..< terms.count {
                let d = terms.guaranteed(i) { $0.doc }
                if d < doc { doc = d }
            }
            if doc == PostingsCursor.end { break }
            if prune, let threshold = top.threshold {
                // Essential terms by their block maxima, the others by their upper bounds: a long
                // query's window then ends where an essential term's block does, not where any term's does.
                if doc > windowEnd {
                    (windowBound, _, windowEnd) = window(terms, from: essential, at: doc, plus: wordBound + raw[essential], options.ranking)
                }
                if windowBound < threshold {
                    for i in essential ..< terms.count { try terms.guaranteed(i) { _ = try $0.advance(to: windowEnd + 1) } }
                    continue
                }
            }
            // Only essential terms move on; the others are moved by their next probe.
            defer {
                for i in essential ..< terms.count {
                    terms.guaranteed(i) { t in if t.doc == doc { _ = try? t.next() } }
                }
            }
            while excluded < exclude.count && exclude[excluded] < doc { excluded += 1 }
            if segment.isDeleted(Int(doc)) || (excluded < exclude.count && exclude[excluded] == doc) { continue }
            // The essential terms' share first: if even every other term and word could not lift
            // the document over the threshold, the others are never probed.
            // (Per-term scores are summed in term order below, so pruning never changes a score's last bit.)
            let norms = Norms(lengths, doc, ranking: options.ranking, averages: averages)
            var partial = 0.0
            var matched = 0
            var present = below(essential)
            for i in essential ..< terms.count {
                guard let score = terms.guaranteed(i, { $0.doc == doc ? $0.score(norms) : nil }) else { continue }
                termScores[i] = score
                foundOn[i] = doc
                partial += score
                matched += 1
                if i < 64 { present |= 1 << UInt64(i) }
            }
            let pruneBelow = prune ? top.threshold : nil
            if let threshold = pruneBelow, essential > 0 {
                let best = (partial + raw[essential] + wordsBound(present)) * coordination[min(matched + essential, coordination.count - 1)]
                if best * (1 + 1e-9) < threshold { continue }
            }
            // The others are probed highest bound first; after each, the document's bound is
            // taken again with what is known (the terms below `j` still count as present), and
            // it is dropped as soon as that cannot beat the threshold: most candidates of a
            // query whose clause heads thousands of near-identical headlines stop here.
            var sum = partial, dropped = false
            var j = essential
            while j > 0 {
                j -= 1
                if let score = try terms.guaranteed(j, { try $0.advance(to: doc) == doc ? $0.score(norms) : nil }) {
                    termScores[j] = score
                    foundOn[j] = doc
                    sum += score
                    matched += 1
                } else if j < 64 {
                    present &= ~(1 << UInt64(j))
                }
                if let threshold = pruneBelow,
                   (sum + raw[j] + wordsBound(present)) * coordination[min(matched + j, coordination.count - 1)] * (1 + 1e-9) < threshold {
                    dropped = true
                    break
                }
            }
            if dropped { continue }
            if essential == 0, let threshold = pruneBelow,
               (sum + wordsBound(present)) * coordination[min(matched, coordination.count - 1)] * (1 + 1e-9) < threshold { continue }
            guard try plan.passesRequired(doc, verifier: self), options.filters.accepts(segment, Int(doc)) else { continue }
            total += 1
            var score = 0.0
            for i in queryOrder where foundOn[i] == doc { score += termScores[i] }
            // A word whose bigrams are not all here is not here either: its postings are not read
            // (adding its 0 would not change the sum).
            for i in words.indices where wordMasks[i] & ~present == 0 {
                score += try words.guaranteed(i) { try $0.advance(to: doc) == doc ? $0.score(norms) : 0 }
            }
            score *= coordination[min(matched, coordination.count - 1)]
            top.insert(score, s, Int(doc))
        }
    }

    // MARK: Filters only

    /// The articles that pass the filters and match every clause, newest first: the clauses
    /// are exclusions, or punctuation alone, looked for in each article's normalized stored text
    /// (every stored article is read: such queries are rare and must find what grep finds).
    private func listByDate(_ clauses: [PlannedClause], options: Options, count: Bool) throws -> Result {
        var candidates = [(Int32, Int, Int)]()
        var total = 0
        let terms = try QueryTerms(clauses, reader.segments, stats: globalStats)
        for (s, segment) in reader.segments.enumerated() {
            let plan = try SegmentPlan(segment: segment, index: s, clauses: clauses, terms: terms,
                                       ranking: options.ranking, averages: averages, searcher: self)
            for doc in 0 ..< segment.docCount where !segment.isDeleted(doc) && options.filters.accepts(segment, doc) {
                guard try plan.matchesAll(Int32(doc), verifier: self) else { continue }
                total += 1
                candidates.append((segment.date(doc) ?? Int32.min, s, doc))
            }
        }
        candidates.sort { $0.0 != $1.0 ? $0.0 > $1.0 : reader.precedes($0.1, $0.2, $1.1, $1.2) }
        let limited = options.limit == 0 ? candidates[...] : candidates.prefix(options.limit)
        return Result(hits: limited.map { Hit(segment: $0.1, doc: $0.2, score: 0, complete: true) }, total: count ? total : nil)
    }

    // MARK: Exact strings

    /// Whether the normalized headline (or, unless the clause is `title:`, body) of `doc` holds
    /// the clause's normalized text; false when that text is empty.
    func storedText(of segment: SegmentReader, _ doc: Int, holds clause: PlannedClause) throws -> Bool {
        guard !clause.normalizedUnits.isEmpty else { return false }
        let stored = try segment.stored(doc)
        for text in clause.clause.headlineOnly ? [stored.headline] : [stored.headline, stored.body] {
            analyzer.normalizeOnly(text)
            if analyzer.withNormalized({ $0.firstIndex(of: clause.normalizedUnits) != nil }) { return true }
        }
        return false
    }

    /// Whether the phrase occurs in `field` of `doc` (cursors already on `doc`).
    func phraseMatches(_ tokens: [(cursor: TermCursor, offset: Int32)], _ field: Field, _ plan: PlannedClause,
                       segment: SegmentReader, doc: Int32) throws -> Bool {
        guard let first = tokens.first else { return false }
        try first.cursor.positions(field, into: &positionsA, scratch: &scratch)
        var starts = positionsA.map { Int64($0) - Int64(first.offset) }
        for (cursor, offset) in tokens.dropFirst() where !starts.isEmpty {
            try cursor.positions(field, into: &positionsB, scratch: &scratch)
            let set = Set(positionsB.map { Int64($0) - Int64(offset) })
            starts = starts.filter(set.contains)
        }
        guard !starts.isEmpty else { return false }
        if !plan.needsVerification { return true }
        // Spaces or punctuation inside the phrase: confirm on the normalized stored text
        // (normalized only: segmenting it is not needed to find a string in it).
        let stored = try segment.stored(Int(doc))
        analyzer.normalizeOnly(field == .headline ? stored.headline : stored.body)
        return analyzer.withNormalized { $0.firstIndex(of: plan.normalizedUnits) != nil }
    }
}

/// A bounded min-heap of the best hits.
struct TopK {
    let limit: Int
    /// Whose articles: equal scores are ordered by `IndexGroup.precedes` (the article's id).
    let group: IndexGroup
    private(set) var items: [(score: Double, segment: Int, doc: Int)] = []

    init(limit: Int, _ group: IndexGroup) {
        self.limit = limit
        self.group = group
    }

    var count: Int { items.count }

    /// The score a new hit must beat, once the heap is full.
    var threshold: Double? { limit > 0 && items.count >= limit ? items[0].score : nil }

    mutating func insert(_ score: Double, _ segment: Int, _ doc: Int) {
        if limit == 0 { items.append((score, segment, doc)); return }
        if items.count < limit {
            items.append((score, segment, doc))
            siftUp(items.count - 1)
        } else if better((score, segment, doc), items[0]) {
            items[0] = (score, segment, doc)
            siftDown(0)
        }
    }

    /// Higher score first; ties by the article's id (`IndexGroup.precedes`), so that one index
    /// and shards of it order them alike. A hit whose score equals the threshold may still
    /// enter: pruning drops only what scores below it.
    private func better(_ a: (score: Double, segment: Int, doc: Int), _ b: (score: Double, segment: Int, doc: Int)) -> Bool {
        a.score != b.score ? a.score > b.score
            : Unmanaged.passUnretained(group)._withUnsafeGuaranteedRef { $0.precedes(a.segment, a.doc, b.segment, b.doc) }
    }

    private mutating func siftUp(_ i: Int) {
        var i = i
        while i > 0 {
            let p = (i - 1) / 2
            guard better(items[p], items[i]) else { break }
            items.swapAt(p, i)
            i = p
        }
    }

    private mutating func siftDown(_ i: Int) {
        var i = i
        while true {
            let l = 2 * i + 1, r = l + 1
            var worst = i
            if l < items.count && better(items[worst], items[l]) { worst = l }
            if r < items.count && better(items[worst], items[r]) { worst = r }
            if worst == i { break }
            items.swapAt(i, worst)
            i = worst
        }
    }

    func sorted() -> [(score: Double, segment: Int, doc: Int)] { items.sorted(by: better) }
}
