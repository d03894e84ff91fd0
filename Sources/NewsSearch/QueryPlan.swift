import Foundation
import NewsIndex
import NewsText

/// A query term without its field: a token kind and normalized text, or a
/// single Han character that stands for every bigram starting with it plus
/// the unigram (a one-character query must find the character anywhere).
struct TermText: Hashable {
    let kind: TokenKind
    let text: String
    let prefix: Bool
    /// For letters and numbers cut by an exact string's edge (`"20"` inside `2020`):
    /// which article tokens count as this one.
    var partial: Partial = .none
    /// FNV-1a of the text's UTF-8 bytes, computed once: a query looks its terms up in
    /// dictionaries dozens of times, and hashing a String each time is a visible share of a query.
    let textHash: UInt64

    enum Partial: UInt8, Hashable {
        case none
        /// The article token starts with the text (the last token of an exact string).
        case startsWith
        /// The article token ends with it (the first token).
        case endsWith
        /// The article token contains it (an exact string of one token).
        case contains
    }

    init(kind: TokenKind, text: String, prefix: Bool, partial: Partial = .none) {
        self.kind = kind
        self.text = text
        self.prefix = prefix
        self.partial = partial
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        textHash = h
    }

    func key(_ field: Field) -> [UInt8] { TermKey.make(field: field, kind: kind, text: text) }

    // Equal by UTF-8 bytes: the text is already normalized, and String's own comparison
    // normalizes non-ASCII text again.
    static func == (a: TermText, b: TermText) -> Bool {
        guard a.textHash == b.textHash, a.kind == b.kind, a.prefix == b.prefix, a.partial == b.partial,
              a.text.utf8.count == b.text.utf8.count else { return false }
        // The bytes are read in place (copying the strings for `withUTF8` cost a retain and a
        // release each; `elementsEqual` on the views, a loop per byte).
        let same = a.text.utf8.withContiguousStorageIfAvailable { p in
            b.text.utf8.withContiguousStorageIfAvailable { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
        }
        return (same ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(textHash ^ UInt64(kind.rawValue) << 8 ^ UInt64(partial.rawValue) << 16 ^ (prefix ? 1 << 24 : 0))
    }

    /// A bigram or word holding a character that only asks (哪, 谁, 么 of 什么, 吗, 呢, 怎, 啥).
    var isInterrogative: Bool {
        (kind == .bigram || kind == .word) && text.unicodeScalars.contains { Self.interrogatives.contains($0.value) }
    }
    /// 哪谁么吗呢怎啥 (seven values: a scan beats hashing).
    static let interrogatives = "哪谁么吗呢怎啥".unicodeScalars.map(\.value)
}

/// One clause, analyzed: the terms that must all occur (units), the words that
/// add precision to the score, and for an exact string the units' relative positions.
struct PlannedClause {
    var clause: Query.Clause
    /// Distinct recall-safe terms: bigrams, lone Han characters, letters, numbers.
    var units: [TermText]
    var words: [TermText]
    /// Phrase tokens with their offset from the first one.
    var phrase: [(term: TermText, offset: Int32)]
    /// For an exact string, or a clause with no units (`，。`): its normalized text (UTF-16);
    /// empty otherwise. For an exact string, whether positions alone cannot prove a match
    /// (it holds spaces or punctuation between tokens); false otherwise.
    var normalizedUnits: [UInt16]
    var needsVerification: Bool
    /// Units that are bigrams crossing a word boundary wherever the clause has them (see
    /// `QueryPlanner.crossingBigrams`); empty for an exact string.
    var crossing: [TermText] = []
    /// Units and words found only inside 【】 or 〖〗 in this clause, when it has others outside.
    var framed: [TermText] = []

    /// No units and no phrase tokens: punctuation or symbols alone (`！`), which only the
    /// stored text can show.
    var isLiteral: Bool { units.isEmpty && phrase.isEmpty }
}

enum QueryPlanner {
    static func plan(_ query: Query, analyzer: Analyzer) throws -> [PlannedClause] {
        var planned = [PlannedClause]()
        for clause in query.clauses {
            let cleaned = TextCleaner.removePinyinDebris(clause.text)
            try analyzer.analyze(cleaned)
            var units = [TermText](), words = [TermText](), phrase = [(term: TermText, offset: Int32)]()
            let tokens = analyzer.tokens
            units.reserveCapacity(tokens.count)
            words.reserveCapacity(tokens.count)
            phrase.reserveCapacity(tokens.count)
            // A run's final unigram is redundant with its last bigram unless the run has one
            // character (tokens are in order of position: the bigram comes first).
            var lastBigramEnd: Int32 = -1
            var first: Int32? = nil
            // Sets, not `contains` on the lists: a long query would be quadratic.
            var seenUnits = Set<TermText>(), seenWords = Set<TermText>()
            for t in tokens {
                var term: TermText
                switch t.kind {
                case .word:
                    let word = TermText(kind: .word, text: analyzer.text(of: t), prefix: false)
                    if seenWords.insert(word).inserted { words.append(word) }
                    continue
                case .unigram:
                    guard t.end != lastBigramEnd else { continue }
                    term = TermText(kind: .unigram, text: analyzer.text(of: t), prefix: true)
                case .bigram, .letters, .number:
                    if t.kind == .bigram { lastBigramEnd = t.end }
                    term = TermText(kind: t.kind, text: analyzer.text(of: t), prefix: false)
                }
                if seenUnits.insert(term).inserted { units.append(term) }
                if first == nil { first = t.start }
                phrase.append((term: term, offset: t.start - (first ?? 0)))
            }
            // A question's interrogatives (哪, 谁, 什么, 怎样 …) are not in the passages that answer
            // it: their bigrams and words do not count, unless nothing else is left to search.
            // (Most clauses have none: the normalized text is checked first.)
            if !clause.phrase && analyzer.withNormalized({ $0.contains { TermText.interrogatives.contains(UInt32($0)) } }) {
                let content = units.filter { !$0.isInterrogative }
                if !content.isEmpty {
                    units = content
                    phrase = phrase.filter { !$0.term.isInterrogative }
                    words = words.filter { !$0.isInterrogative }
                }
            }
            // Only an exact string, or text with nothing to index (punctuation, symbols), is ever
            // looked for in stored text.
            let normalized = clause.phrase || units.isEmpty ? analyzer.withNormalized { Array($0) } : []
            // Letters and digits at an exact string's edges may be part of longer tokens in an article.
            if clause.phrase, !phrase.isEmpty {
                let last = phrase.count - 1
                for i in [0, last] where phrase[i].term.kind == .letters || phrase[i].term.kind == .number {
                    phrase[i].term.partial = last == 0 ? .contains : (i == 0 ? .endsWith : .startsWith)
                }
                units = QueryPlanner.dedupe(phrase.map(\.term))
            }
            // Positions prove contiguity only when tokens cover every character.
            let covered = !clause.phrase || coverage(tokens, count: analyzer.normalizedCount)
            var crossing = [TermText]()
            if !clause.phrase {
                let found = Set(analyzer.withNormalized { crossingBigrams(tokens, $0) })
                // Keywords (runs under `sentenceRun` characters) have none: no sets to build.
                if !found.isEmpty {
                    crossing = onlyMarked(units.filter { $0.kind == .bigram }, tokens, analyzer) { found.contains($0) }
                }
            }
            var framed = [TermText]()
            if !clause.phrase, let inside = analyzer.withNormalized({ bracketed($0) }) {
                let isInside = { (i: Int) in (Int(tokens[i].start) ..< Int(tokens[i].end)).allSatisfy { $0 < inside.count && inside[$0] } }
                // A clause of brackets alone has nothing outside to prefer.
                if !tokens.indices.allSatisfy(isInside) { framed = onlyMarked(units + words, tokens, analyzer, isInside) }
            }
            planned.append(PlannedClause(clause: clause, units: units, words: words, phrase: phrase,
                                         normalizedUnits: normalized, needsVerification: !covered, crossing: crossing, framed: framed))
        }
        return planned
    }

    /// The `terms` whose text only marked tokens have (`isMarked` of a token's index).
    static func onlyMarked(_ terms: [TermText], _ tokens: [Token], _ analyzer: Analyzer, _ isMarked: (Int) -> Bool) -> [TermText] {
        var marked = Set<String>(), other = Set<String>()
        for i in tokens.indices {
            if isMarked(i) { marked.insert(analyzer.text(of: tokens[i])) } else { other.insert(analyzer.text(of: tokens[i])) }
        }
        return terms.filter { marked.contains($0.text) && !other.contains($0.text) }
    }

    /// A query's clauses without stray punctuation: a clause of punctuation or symbols alone
    /// (no units, not quoted, neither `+` nor in an OR group) beside clauses that have terms
    /// is noise (经济 - 发展), not something to find. Alone, such clauses are the query (！).
    static func droppingStrayPunctuation(_ clauses: [PlannedClause]) -> [PlannedClause] {
        guard clauses.contains(where: { !$0.isLiteral && $0.clause.occur != .mustNot }) else { return clauses }
        // Most queries have no stray punctuation: the clauses as they are, not a filtered copy.
        let stray = { (c: PlannedClause) in c.isLiteral && !c.clause.phrase && c.clause.occur == .should && c.clause.orGroup == nil }
        guard clauses.contains(where: stray) else { return clauses }
        return clauses.filter { !($0.isLiteral && !$0.clause.phrase && $0.clause.occur == .should && $0.clause.orGroup == nil) }
    }

    /// Han runs of at least this many characters read as a sentence (a headline, a question),
    /// not as keywords: their bigrams that cross a word boundary are weighed less.
    static let sentenceRun = 5

    /// The indices of `tokens`' bigrams that cross a word boundary in a run of `sentenceRun`
    /// characters or more. A bigram crosses one when no
    /// dictionary word holds both its characters but a word holds one of them (德国总理将访华:
    /// 国总, 理将, 将访). Characters outside every word are left alone: they are often a name
    /// the dictionary lacks (于乐 of 于乐的职业), whose bigram is the best thing to search for.
    /// - Complexity: O(tokens + characters of their words).
    static func crossingBigrams(_ tokens: [Token], _ text: UnsafeBufferPointer<UInt16>) -> [Int] {
        let bigrams = tokens.indices.filter { tokens[$0].kind == .bigram }
        // Too few bigrams for a sentence-length run: keywords only.
        guard bigrams.count >= sentenceRun - 1 else { return [] }
        // Per UTF-16 offset: whether a word starts or ends there, or holds the characters on
        // both sides of it.
        var edge = [Bool](repeating: false, count: text.count + 1), within = edge
        for w in tokens where w.kind == .word && w.end <= text.count {
            // A lone supplementary character (two UTF-16 units) is no word of two characters.
            if w.end - w.start == 2 && UTF16.isLeadSurrogate(text[Int(w.start)]) { continue }
            edge[Int(w.start)] = true
            edge[Int(w.end)] = true
            for k in Int(w.start) + 1 ..< Int(w.end) { within[k] = true }
        }
        // Where a bigram's second character starts (a character may be a surrogate pair).
        func middle(_ t: Token) -> Int32 {
            let last = Int(t.end) - 1
            return t.end - (last > Int(t.start) && UTF16.isTrailSurrogate(text[last]) ? 2 : 1)
        }
        var crossing = [Int]()
        var i = 0
        while i < bigrams.count {
            // A run: bigrams each starting where the one before has its second character.
            var j = i
            while j + 1 < bigrams.count && tokens[bigrams[j + 1]].start == middle(tokens[bigrams[j]]) { j += 1 }
            let sentence = j - i + 2 >= sentenceRun
            for k in bigrams[i ... j] {
                let mid = Int(middle(tokens[k]))
                if sentence && !within[mid] && edge[mid] { crossing.append(k) }
            }
            i = j + 1
        }
        return crossing
    }

    /// Per UTF-16 offset, whether it lies inside 【】 or 〖〗; nil when the text has none.
    static func bracketed(_ text: UnsafeBufferPointer<UInt16>) -> [Bool]? {
        guard text.contains(where: { $0 == 0x3010 || $0 == 0x3016 }) else { return nil }
        var inside = [Bool](repeating: false, count: text.count)
        var depth = 0
        for (i, u) in text.enumerated() {
            if u == 0x3011 || u == 0x3017 { depth = max(0, depth - 1) }
            inside[i] = depth > 0
            if u == 0x3010 || u == 0x3016 { depth += 1 }
        }
        return inside
    }

    /// Whether tokens cover every unit of the normalized text (no spaces or punctuation).
    static func coverage(_ tokens: [Token], count: Int) -> Bool {
        guard count > 0 else { return false }
        var covered = [Bool](repeating: false, count: count)
        for t in tokens { for i in Int(t.start) ..< Int(t.end) where i < count { covered[i] = true } }
        return covered.allSatisfy { $0 }
    }

    static func dedupe(_ terms: [TermText]) -> [TermText] {
        var seen = Set<TermText>()
        return terms.filter { seen.insert($0).inserted }
    }
}

/// The distinct terms of one query, with their dictionary entries per segment and
/// field and their document frequencies, each looked up once. A query has a few
/// dozen terms: finding one by a linear scan over fingerprints costs less than hashing it.
final class QueryTerms {
    let terms: [TermText]
    /// Per term, the larger of its two fields' document frequencies over all segments (for idf):
    /// a figure that does not depend on how the articles are cut into segments or indexes.
    let docFreq: [Int]
    /// Per term, its document frequencies in the headline and the body, summed over segments.
    let fieldFreq: [[Int]]
    /// Live and deleted articles over all segments (idf's N).
    let documents: Double
    /// Per term, whether it is a bigram that crosses a word boundary wherever the query has it
    /// (`Ranking.boundaryWeight` weighs it).
    let crossesBoundary: [Bool]
    /// Per term, whether it is inside 【】 wherever the query has it (`Ranking.frameWeight`).
    let framed: [Bool]
    /// `entries[(segment · terms + term) · 2 + field]`.
    private let entries: [[(TermInfo, Int32)]]
    /// Up to this many terms, `index(of:)` scans; beyond, it looks the term up in `positions`
    /// (a long query would be quadratic otherwise).
    private static let scanned = 64
    private let positions: [TermText: Int]

    /// `stats`: statistics to take the document frequencies and N from instead of `segments`
    /// (they must hold every term: `CollectionStatsError.missingTerm` otherwise).
    init(_ clauses: [PlannedClause], _ segments: [SegmentReader], stats: CollectionStats?) throws {
        var terms = [TermText]()
        var seen = Set<TermText>()
        for c in clauses {
            for t in c.units + c.words + c.phrase.map(\.term) where seen.insert(t).inserted { terms.append(t) }
        }
        var entries = [[(TermInfo, Int32)]]()
        entries.reserveCapacity(2 * terms.count * segments.count)
        var fieldFreq = [[Int]](repeating: [0, 0], count: terms.count)
        for segment in segments {
            for (i, t) in terms.enumerated() {
                for (f, field) in Field.allCases.enumerated() {
                    let found = try SegmentPlan.expand(t, field, segment)
                    fieldFreq[i][f] += found.reduce(0) { $0 + $1.0.docFreq }
                    entries.append(found)
                }
            }
        }
        self.terms = terms
        positions = terms.count > Self.scanned ? Dictionary(terms.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        self.entries = entries
        if let stats {
            for (i, t) in terms.enumerated() {
                guard let df = stats.terms[CollectionStats.key(t)], df.count == 2 else { throw CollectionStatsError.missingTerm(CollectionStats.key(t)) }
                fieldFreq[i] = df
            }
            documents = stats.documentCount
        } else {
            documents = Double(max(1, segments.reduce(0) { $0 + $1.docCount }))
        }
        self.fieldFreq = fieldFreq
        docFreq = fieldFreq.map { max($0[0], $0[1]) }
        crossesBoundary = Self.markedWherever({ $0.crossing }, terms, clauses)
        framed = Self.markedWherever({ $0.framed }, terms, clauses)
    }

    /// Per term, whether it is marked (`marks` of a clause) in every clause that has it.
    /// (A closure, not a key path: a key path applied to a clause copied all of it, a retain per array.)
    private static func markedWherever(_ marks: (PlannedClause) -> [TermText], _ terms: [TermText], _ clauses: [PlannedClause]) -> [Bool] {
        // Keyword queries mark nothing: no sets to build (they were a twentieth of an AND query).
        guard clauses.contains(where: { !marks($0).isEmpty }) else { return [Bool](repeating: false, count: terms.count) }
        let marked = Set(clauses.flatMap(marks))
        let unmarked = Set(clauses.flatMap { c in
            let own = Set(marks(c))
            return (c.units + c.words).filter { !own.contains($0) }
        })
        return terms.map { marked.contains($0) && !unmarked.contains($0) }
    }

    var count: Int { terms.count }

    func index(of t: TermText) -> Int? {
        if terms.count > Self.scanned { return positions[t] }
        // By index, comparing fingerprints first: `firstIndex(of:)` copied every term it passed.
        for k in terms.indices where terms[k].textHash == t.textHash && terms[k] == t { return k }
        return nil
    }

    /// The dictionary entries of term `i` in `field` of segment `segment`.
    func entries(_ i: Int, _ field: Field, segment: Int) -> [(TermInfo, Int32)] {
        entries[(segment * terms.count + i) * 2 + (field == .headline ? 0 : 1)]
    }
}
