import NewsIndex
import NewsText

/// A passage of an article with the query's matches marked.
public struct Snippet: Sendable, Equatable {
    public var text: String
    /// Matches as half-open ranges of Unicode scalar offsets into `text`.
    public var matches: [Range<Int>]
}

/// Finds where a query matches an article's text and cuts the best passage.
public final class Highlighter {
    let analyzer: Analyzer
    /// Query terms: the kind, then the normalized UTF-16 text (words, bigrams, letters, numbers, lone characters).
    private var terms: Set<[UInt16]> = []
    /// One-character query terms, as code points.
    private var prefixes: Set<UInt32> = []
    /// Terms of punctuation alone (`！`), as normalized UTF-16: found by a string search.
    private var literals: [[UInt16]] = []
    private var key: [UInt16] = []

    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    /// Prepares for `query`.
    public func prepare(_ query: Query) throws {
        let clauses = QueryPlanner.droppingStrayPunctuation(try QueryPlanner.plan(query, analyzer: analyzer))
        terms = []
        prefixes = []
        literals = []
        for c in clauses where c.clause.occur != .mustNot {
            if c.isLiteral && !c.normalizedUnits.isEmpty { literals.append(c.normalizedUnits) }
            for t in c.units + c.words + c.phrase.map(\.term) {
                if t.prefix {
                    if let first = t.text.unicodeScalars.first { prefixes.insert(first.value) }
                } else {
                    terms.insert([UInt16(t.kind.rawValue)] + Array(t.text.utf16))
                }
            }
        }
    }

    /// Matches in `text` as Unicode scalar ranges, merged and sorted.
    public func matches(in text: String) throws -> [Range<Int>] {
        try analyzer.analyze(text)
        var utf8Ranges = [Range<Int>]()
        // Compared as UTF-16 keys: no String per token of the article.
        for literal in literals {
            let ranges: [Range<Int>] = analyzer.withNormalized { units in
                var ranges = [Range<Int>]()
                while let i = units.firstIndex(of: literal, from: ranges.last?.upperBound ?? 0) { ranges.append(i ..< i + literal.count) }
                return ranges
            }
            for r in ranges { utf8Ranges.append(analyzer.sourceRange(normalized: r)) }
        }
        let found: [(Token, Int?)] = analyzer.withNormalized { units in
            var found = [(Token, Int?)]()
            for t in analyzer.tokens {
                key.removeAll(keepingCapacity: true)
                key.append(UInt16(t.kind.rawValue))
                key.append(contentsOf: units[Int(t.start) ..< Int(t.end)])
                if terms.contains(key) {
                    found.append((t, nil))
                } else if t.kind == .bigram || t.kind == .unigram, !prefixes.isEmpty {
                    // A one-character query highlights only its character.
                    var first = UInt32(units[Int(t.start)]), width = 1
                    if first >= 0xD800 && first < 0xDC00 && Int(t.start) + 1 < units.count {
                        first = 0x10000 + ((first - 0xD800) << 10) + (UInt32(units[Int(t.start) + 1]) &- 0xDC00)
                        width = 2
                    }
                    if prefixes.contains(first) { found.append((t, width)) }
                }
            }
            return found
        }
        for (t, width) in found {
            if let width {
                utf8Ranges.append(analyzer.sourceRange(normalized: Int(t.start) ..< Int(t.start) + width))
            } else {
                utf8Ranges.append(analyzer.sourceRange(of: t))
            }
        }
        return Self.merge(Self.toScalarOffsets(utf8Ranges, in: text))
    }

    /// The best passage of about `width` characters: the window holding the most
    /// matches (ties: the earliest); the text's start when nothing matches.
    public func snippet(_ text: String, width: Int = 90) throws -> Snippet {
        let scalars = Array(text.unicodeScalars.map { $0 == "\n" ? " " : $0 })
        let found = try matches(in: text)
        var start = 0
        if !found.isEmpty {
            var best = -1
            for (i, m) in found.enumerated() {
                let windowStart = max(0, m.lowerBound - width / 4)
                let count = found[i...].prefix { $0.upperBound <= windowStart + width }.count
                if count > best { best = count; start = windowStart }
            }
        }
        let end = min(scalars.count, start + width)
        var out = String.UnicodeScalarView()
        var shift = 0
        if start > 0 { out.append("…"); shift = 1 }
        out.append(contentsOf: scalars[start ..< end])
        if end < scalars.count { out.append("…") }
        let inWindow = found.filter { $0.lowerBound >= start && $0.upperBound <= end }
            .map { ($0.lowerBound - start + shift) ..< ($0.upperBound - start + shift) }
        return Snippet(text: String(out), matches: inWindow)
    }

    static func toScalarOffsets(_ ranges: [Range<Int>], in text: String) -> [Range<Int>] {
        guard !ranges.isEmpty else { return [] }
        var map = [Int](repeating: 0, count: text.utf8.count + 1)
        var scalar = 0
        var byte = 0
        for s in text.unicodeScalars {
            let n = String(s).utf8.count
            for k in 0 ..< n { map[byte + k] = scalar }
            byte += n
            scalar += 1
        }
        map[byte] = scalar
        return ranges.map { map[min($0.lowerBound, byte)] ..< map[min($0.upperBound, byte)] }
    }

    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out = [Range<Int>]()
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound ..< max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
