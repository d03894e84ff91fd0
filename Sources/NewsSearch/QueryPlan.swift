import NewsIndex
import NewsText

/// A query term without its field: a token kind and normalized text, or a
/// single Han character that stands for every bigram starting with it plus
/// the unigram (a one-character query must find the character anywhere).
struct TermText: Hashable {
    var kind: TokenKind
    var text: String
    var prefix: Bool

    func key(_ field: Field) -> [UInt8] { TermKey.make(field: field, kind: kind, text: text) }
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
    /// The normalized phrase text, and whether positions alone cannot prove a
    /// match (the phrase holds spaces or punctuation between tokens).
    var normalized: String
    var needsVerification: Bool
}

enum QueryPlanner {
    static func plan(_ query: Query, analyzer: Analyzer) throws -> [PlannedClause] {
        var planned = [PlannedClause]()
        for clause in query.clauses {
            let cleaned = TextCleaner.removePinyinDebris(clause.text)
            try analyzer.analyze(cleaned)
            var units = [TermText](), words = [TermText](), phrase = [(TermText, Int32)]()
            let tokens = analyzer.tokens
            // A run's final unigram is redundant with its last bigram unless the run has one character.
            let bigramEnds = Set(tokens.filter { $0.kind == .bigram }.map(\.end))
            var first: Int32? = nil
            for t in tokens {
                let text = analyzer.text(of: t)
                var term: TermText
                switch t.kind {
                case .word:
                    words.append(TermText(kind: .word, text: text, prefix: false))
                    continue
                case .unigram:
                    guard !bigramEnds.contains(t.end) else { continue }
                    term = TermText(kind: .unigram, text: text, prefix: true)
                case .bigram, .letters, .number:
                    term = TermText(kind: t.kind, text: text, prefix: false)
                }
                if !units.contains(term) { units.append(term) }
                if first == nil { first = t.start }
                phrase.append((term, t.start - (first ?? 0)))
            }
            let normalized = analyzer.normalizedText
            // Positions prove contiguity only when nothing but tokens fills the span.
            let covered = coverage(tokens, count: analyzer.normalizedCount)
            planned.append(PlannedClause(clause: clause, units: units, words: dedupe(words), phrase: phrase,
                                         normalized: normalized, needsVerification: !covered))
        }
        return planned
    }

    /// Whether tokens cover every unit between the first token and the last.
    static func coverage(_ tokens: [Token], count: Int) -> Bool {
        guard let lo = tokens.map(\.start).min(), let hi = tokens.map(\.end).max() else { return false }
        var covered = [Bool](repeating: false, count: count + 1)
        for t in tokens { for i in Int(t.start) ..< Int(t.end) { covered[i] = true } }
        return (Int(lo) ..< Int(hi)).allSatisfy { covered[$0] }
    }

    static func dedupe(_ terms: [TermText]) -> [TermText] {
        var seen = Set<TermText>()
        return terms.filter { seen.insert($0).inserted }
    }
}
