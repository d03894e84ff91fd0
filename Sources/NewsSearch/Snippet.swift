import NewsIndex
import NewsText

/// A passage of an article with the query's matches marked.
public struct Snippet: Sendable, Equatable {
    public var text: String
    /// Matches as half-open ranges of Unicode scalar offsets into `text`.
    public var matches: [Range<Int>]
}

/// Finds where a query matches an article's text and cuts the best passage.
///
/// Only the clauses of the text that can hold a match are segmented: the text is normalized
/// whole (a table lookup per character), the query's term texts are looked for in it, and
/// each place found is analyzed within its clause, cut at a comma or stop between two Han
/// characters (`Highlighter+Windows.swift`), where segmentation never depends on what lies
/// beyond; a query of Han terms alone whose words are covered by its bigrams (most queries)
/// needs no segmentation at all (`DirectTerms`). Matches are those of analyzing the whole
/// text, at a fraction of the cost.
public final class Highlighter {
    let analyzer: Analyzer
    /// Query terms: the kind, then the normalized UTF-16 text (words, bigrams, letters, numbers, lone characters).
    private var terms: Set<[UInt16]> = []
    /// One-character query terms, as code points.
    private var prefixes: Set<UInt32> = []
    /// Terms of punctuation alone (`！`), as normalized UTF-16: found by a string search.
    private var literals: [[UInt16]] = []
    private var key: [UInt16] = []
    /// What a matching token's text can be, as normalized UTF-16 (each term's text, each
    /// prefix character), grouped by first unit; the bit of every first unit is set in `firstUnits`.
    var needles: [UInt16: [[UInt16]]] = [:]
    var firstUnits = [UInt64](repeating: 0, count: 1024)
    /// Set when every term is a Han bigram or unigram, a Han prefix character, or a word whose
    /// bigrams are all terms (so its matches lie inside theirs): matches are then found in the
    /// normalized text without segmenting it (`directMatches`). Nil otherwise.
    var direct: DirectTerms?

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
        setNeedles(terms.map { Array($0.dropFirst()) } + prefixes.compactMap { Unicode.Scalar($0).map { Array(String($0).utf16) } })
        direct = DirectTerms(terms: terms, prefixes: prefixes)
    }

    /// Matches in `text` as Unicode scalar ranges, merged and sorted.
    /// - Complexity: O(n) to normalize and search `text`, plus the segmentation of the
    ///   clauses that hold a term's text.
    public func matches(in text: String) throws -> [Range<Int>] {
        var text = text
        return try text.withUTF8 { bytes in Self.merge(Self.toScalarOffsets(try byteMatches(bytes), in: bytes)) }
    }

    /// The matches of `matches(in:)`, found by analyzing all of `text` (what the windows
    /// must reproduce; for tests).
    package func wholeTextMatches(in text: String) throws -> [Range<Int>] {
        var text = text
        return try text.withUTF8 { bytes in
            analyzer.normalizeOnly(utf8: bytes)
            var ranges = literalMatches()
            try analyzer.analyze(utf8: bytes)
            tokenMatches(shift: 0, into: &ranges)
            return Self.merge(Self.toScalarOffsets(ranges, in: bytes))
        }
    }

    /// Matches in UTF-8 `bytes` as byte ranges, in no order, possibly overlapping.
    func byteMatches(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [Range<Int>] {
        analyzer.normalizeOnly(utf8: bytes)
        var ranges = literalMatches()
        if let direct {
            directMatches(direct, into: &ranges)
            return ranges
        }
        for window in candidateWindows() {
            try analyzer.analyze(utf8: UnsafeBufferPointer(rebasing: bytes[window]))
            tokenMatches(shift: window.lowerBound, into: &ranges)
        }
        return ranges
    }

    /// The literal terms' places in the normalized text (of `normalizeOnly` or `analyze`), as byte ranges.
    private func literalMatches() -> [Range<Int>] {
        var utf8Ranges = [Range<Int>]()
        for literal in literals {
            let ranges: [Range<Int>] = analyzer.withNormalized { units in
                var ranges = [Range<Int>]()
                while let i = units.firstIndex(of: literal, from: ranges.last?.upperBound ?? 0) { ranges.append(i ..< i + literal.count) }
                return ranges
            }
            for r in ranges { utf8Ranges.append(analyzer.sourceRange(normalized: r)) }
        }
        return utf8Ranges
    }

    /// The analyzed tokens that are query terms, as byte ranges moved by `shift`.
    private func tokenMatches(shift: Int, into utf8Ranges: inout [Range<Int>]) {
        // Compared as UTF-16 keys: no String per token of the article.
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
            let r = width.map { analyzer.sourceRange(normalized: Int(t.start) ..< Int(t.start) + $0) } ?? analyzer.sourceRange(of: t)
            utf8Ranges.append(r.lowerBound + shift ..< r.upperBound + shift)
        }
    }

    /// The best passage of about `width` characters: the window holding the most
    /// matches (ties: the earliest); the text's start when nothing matches.
    public func snippet(_ text: String, width: Int = 90) throws -> Snippet {
        var text = text
        let found = try text.withUTF8 { bytes in Self.merge(Self.toScalarOffsets(try byteMatches(bytes), in: bytes)) }
        var start = 0
        if !found.isEmpty {
            var best = -1
            for (i, m) in found.enumerated() {
                let windowStart = max(0, m.lowerBound - width / 4)
                let count = found[i...].prefix { $0.upperBound <= windowStart + width }.count
                if count > best { best = count; start = windowStart }
            }
        }
        // The scalars start ..< start + width, newlines as spaces, and whether more follow.
        var out = String.UnicodeScalarView()
        var shift = 0
        if start > 0 { out.append("…"); shift = 1 }
        var k = 0, end = start
        var more = false
        for s in text.unicodeScalars {
            defer { k += 1 }
            if k < start { continue }
            if k >= start + width { more = true; break }
            out.append(s == "\n" ? " " : s)
            end = k + 1
        }
        if more { out.append("…") }
        let inWindow = found.filter { $0.lowerBound >= start && $0.upperBound <= end }
            .map { ($0.lowerBound - start + shift) ..< ($0.upperBound - start + shift) }
        return Snippet(text: String(out), matches: inWindow)
    }

    /// Byte ranges of UTF-8 `bytes` as ranges of scalar offsets (a byte inside a character
    /// counts as that character; offsets past the end as the end).
    /// - Complexity: O(n) over the bytes up to the last range's end.
    static func toScalarOffsets(_ ranges: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard !ranges.isEmpty else { return [] }
        var offsets = ranges.flatMap { [min($0.lowerBound, bytes.count), min($0.upperBound, bytes.count)] }
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        // Walk the bytes once: `scalars` counts the characters that start before `byte`.
        var byte = 0, scalars = 0
        for i in order {
            let target = offsets[i]
            while byte < target {
                if bytes[byte] & 0xC0 != 0x80 { scalars += 1 }
                byte += 1
            }
            // A target inside a character: that character's offset, one less than counted.
            offsets[i] = target < bytes.count && bytes[target] & 0xC0 == 0x80 ? scalars - 1 : scalars
        }
        return stride(from: 0, to: offsets.count, by: 2).map { offsets[$0] ..< offsets[$0 + 1] }
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
