/// The Chinese text analyzer: normalization, ICU word segmentation, the lexicon
/// pass and recall-safe Han bigrams. The same analyzer runs at index and query time.
///
/// Input is cleaned text (see `TextCleaner`). `analyze` fills reusable buffers:
/// the normalized UTF-16 text, for each of its units the UTF-8 offset in the
/// input it came from, and the tokens sorted by position. Nothing is allocated
/// per token, and after the first articles nothing is allocated per article.
///
/// Not thread-safe (it owns an ICU break iterator): use one per thread. The
/// character table and lexicon it reads are immutable and shared.
public final class Analyzer {
    public let table: CharacterTable
    public let lexicon: Lexicon
    private let breaker: WordBreaker

    /// Buffers and results, in a value so that the hot loops work on a local
    /// copy without the runtime exclusivity checks that class properties cost.
    var state = AnalysisState()

    /// Number of valid units in the normalized text.
    public var normalizedCount: Int { state.normalizedCount }
    /// UTF-8 length of the last input.
    public var sourceCount: Int { state.sourceCount }
    /// The tokens of the last input, sorted by position (then longer first among words).
    public var tokens: [Token] { state.tokens }

    public init(lexicon: Lexicon) throws {
        self.table = lexicon.table
        self.lexicon = lexicon
        self.breaker = try WordBreaker(locale: "zh")
    }

    /// An analyzer with the process-wide character table and the built-in lexicon
    /// plus `extraTerms` (a user lexicon).
    public convenience init(extraTerms: [String] = []) throws {
        try self.init(lexicon: .builtin(table: try CharacterTable.shared(), extra: extraTerms))
    }

    /// Analyzes `text`; results are in `tokens` and the normalized buffers.
    public func analyze(_ text: String) throws {
        var text = text
        try text.withUTF8 { try analyze(utf8: $0) }
    }

    /// Analyzes UTF-8 `bytes` (invalid sequences read as U+FFFD).
    /// - Complexity: O(n) in the input length.
    public func analyze(utf8 bytes: UnsafeBufferPointer<UInt8>) throws {
        var st = AnalysisState()
        swap(&st, &state)
        defer { swap(&st, &state) }
        st.normalize(bytes, table)
        try st.segment(breaker, lexicon)
    }

    /// Normalizes `text` into the buffers without segmenting it (no tokens): enough for
    /// `normalizedText` and `withNormalized`, at a fraction of `analyze`'s cost.
    public func normalizeOnly(_ text: String) {
        var text = text
        text.withUTF8 { normalizeOnly(utf8: $0) }
    }

    /// `normalizeOnly` of UTF-8 `bytes` (invalid sequences read as U+FFFD).
    public func normalizeOnly(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var st = AnalysisState()
        swap(&st, &state)
        defer { swap(&st, &state) }
        st.normalize(bytes, table)
        st.tokens.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    static func isLead(_ u: UInt16) -> Bool { u & 0xFC00 == 0xD800 }
}

/// The analyzer's buffers: the normalized text and where each unit came from,
/// the tokens, and scratch space kept between calls.
struct AnalysisState {
    var units: [UInt16] = []
    var origins: [Int32] = []
    var normalizedCount = 0
    var sourceCount = 0
    var tokens: [Token] = []

    var breakEnds: [Int32] = []
    var breakStatuses: [Int32] = []
    var icuWords: [Span] = []
    var otherTokens: [Token] = []
    var hanTokens: [Token] = []
    var chars: [Int32] = []
    var matches: [Span] = []
    var keptICU: [Span] = []
    var candidates: [Span] = []

    struct Span: Comparable {
        var start: Int32
        var end: Int32
        static func < (a: Span, b: Span) -> Bool { a.start != b.start ? a.start < b.start : a.end > b.end }
        /// True when the spans overlap without one containing the other.
        @inline(__always)
        func crosses(_ o: Span) -> Bool {
            (start < o.start && o.start < end && end < o.end) || (o.start < start && start < o.end && o.end < end)
        }
    }
}

extension AnalysisState {
    /// Segments the normalized text with ICU and builds the tokens.
    mutating func segment(_ breaker: WordBreaker, _ lexicon: Lexicon) throws {
        icuWords.removeAll(keepingCapacity: true)
        otherTokens.removeAll(keepingCapacity: true)
        hanTokens.removeAll(keepingCapacity: true)
        let count = normalizedCount
        let all = units
        try all.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all[0 ..< count])
            var ends = breakEnds, statuses = breakStatuses
            breakEnds = []; breakStatuses = []
            defer { breakEnds = ends; breakStatuses = statuses }
            try breaker.segments(text, ends: &ends, statuses: &statuses) { s, e, status in
                classifySegment(text, s, e, status)
            }
            var i = 0
            var wordCursor = 0
            while i < count {
                guard Han.isHanUnit(text[i]) else { i += 1; continue }
                var j = i
                while j < count && Han.isHanUnit(text[j]) { j += Analyzer.isLead(text[j]) ? 2 : 1 }
                j = min(j, count)
                processRun(text, i, j, &wordCursor, lexicon)
                i = j
            }
        }
        mergeTokens()
    }

    /// ICU's segments: Han words are kept for the run pass, letters and numbers become tokens.
    mutating func classifySegment(_ text: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, _ status: Int32) {
        guard status >= 100, e > s else { return }  // spaces and punctuation
        var han = 0
        var letters = false
        for k in s ..< e {
            let u = text[k]
            if Han.isHanUnit(u) { han += 1 } else if u >= 0x41 && !(u >= 0xDC00 && u < 0xE000) { letters = true }
        }
        if han > 0 {
            if !letters { icuWords.append(Span(start: Int32(s), end: Int32(e))) }
            return
        }
        guard e - s <= 64 else { return }  // base64, hashes and similar debris
        otherTokens.append(Token(kind: letters ? .letters : .number, start: Int32(s), end: Int32(e)))
    }

    /// Words, bigrams and the final unigram of the Han run `text[rs ..< re]`.
    ///
    /// Lexicon matches of three or more units are trusted over ICU: ICU words
    /// that cross them (`矿产` in `钙钛矿产业`) are dropped. Two-unit matches are
    /// trusted less: one that crosses a surviving ICU word (`和平` in `维和平台`)
    /// is dropped instead.
    mutating func processRun(_ text: UnsafeBufferPointer<UInt16>, _ rs: Int, _ re: Int, _ cursor: inout Int, _ lexicon: Lexicon) {
        chars.removeAll(keepingCapacity: true)
        var k = rs
        while k < re { chars.append(Int32(k)); k += Analyzer.isLead(text[k]) ? 2 : 1 }
        chars.append(Int32(re))
        let n = chars.count - 1

        matches.removeAll(keepingCapacity: true)
        for c in 0 ..< n {
            let start = Int(chars[c])
            lexicon.forEachMatch(text, from: start, limit: re) { end, _ in
                matches.append(Span(start: Int32(start), end: Int32(end)))
            }
        }
        keptICU.removeAll(keepingCapacity: true)
        var maxICU: Int32 = 0
        while cursor < icuWords.count && icuWords[cursor].start < Int32(re) {
            let w = icuWords[cursor]
            cursor += 1
            guard w.start >= Int32(rs), w.end <= Int32(re), w.end - w.start >= 2 else { continue }
            if !crossesStrongMatch(w) { keptICU.append(w); maxICU = max(maxICU, w.end - w.start) }
        }
        candidates.removeAll(keepingCapacity: true)
        candidates.append(contentsOf: keptICU)
        var lo = 0
        for m in matches {
            if m.end - m.start >= 3 { candidates.append(m); continue }
            while lo < keptICU.count && keptICU[lo].start + maxICU <= m.start { lo += 1 }
            var crosses = false
            var w = lo
            while w < keptICU.count && keptICU[w].start < m.end {
                if keptICU[w].crosses(m) { crosses = true; break }
                w += 1
            }
            if !crosses { candidates.append(m) }
        }
        candidates.sort()
        var next = 0
        var last = Span(start: -1, end: -1)
        for c in 0 ..< n {
            let start = chars[c]
            if c + 1 < n {
                hanTokens.append(Token(kind: .bigram, start: start, end: chars[c + 2]))
            } else {
                hanTokens.append(Token(kind: .unigram, start: start, end: chars[c + 1]))
            }
            while next < candidates.count && candidates[next].start == start {
                let w = candidates[next]
                next += 1
                if w == last { continue }
                last = w
                hanTokens.append(Token(kind: .word, start: w.start, end: w.end))
            }
        }
    }

    /// Whether the ICU word `w` crosses a lexicon match of three or more units.
    func crossesStrongMatch(_ w: Span) -> Bool {
        // Matches are sorted by start and at most `Lexicon.maximumLength` long.
        var lo = 0
        var hi = matches.count
        let from = w.start - Int32(Lexicon.maximumLength)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if matches[mid].start <= from { lo = mid + 1 } else { hi = mid }
        }
        while lo < matches.count && matches[lo].start < w.end {
            let m = matches[lo]
            if m.end - m.start >= 3 && m.crosses(w) { return true }
            lo += 1
        }
        return false
    }

    /// Merges the Han tokens and the letter/number tokens, both sorted, into `tokens`.
    mutating func mergeTokens() {
        tokens.removeAll(keepingCapacity: true)
        var a = 0
        var b = 0
        while a < hanTokens.count || b < otherTokens.count {
            if b == otherTokens.count || (a < hanTokens.count && hanTokens[a].start <= otherTokens[b].start) {
                tokens.append(hanTokens[a]); a += 1
            } else {
                tokens.append(otherTokens[b]); b += 1
            }
        }
    }
}

extension Analyzer {
    /// Calls `body` with the normalized UTF-16 text of the last input.
    public func withNormalized<R>(_ body: (UnsafeBufferPointer<UInt16>) throws -> R) rethrows -> R {
        try state.units.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0 ..< normalizedCount])) }
    }

    /// For each offset 0…normalizedCount of the last input, whether ICU put a word
    /// boundary there (its own segmentation, before the lexicon pass): lets a
    /// caller tell a name that is a word from one straddling two words.
    public func icuBoundaries() -> [Bool] {
        var b = [Bool](repeating: false, count: normalizedCount + 1)
        b[0] = true
        b[normalizedCount] = true
        for w in state.icuWords { b[Int(w.start)] = true; b[Int(w.end)] = true }
        var inHan = false
        state.units.withUnsafeBufferPointer { u in
            for i in 0 ..< normalizedCount {
                let han = Han.isHanUnit(u[i]) || (u[i] >= 0xDC00 && u[i] < 0xE000 && inHan)
                if han != inHan { b[i] = true }
                inHan = han
            }
        }
        return b
    }

    /// The normalized text of the last input.
    public var normalizedText: String { withNormalized { String(utf16: $0) } }

    /// The text of `token` (allocates: for tools and tests, not for indexing).
    public func text(of token: Token) -> String {
        withNormalized { String(utf16: UnsafeBufferPointer(rebasing: $0[Int(token.start) ..< Int(token.end)])) }
    }

    /// The UTF-8 byte range of `token` in the input it came from, for highlighting
    /// what the reader sees (Traditional characters, full-width letters and all).
    public func sourceRange(of token: Token) -> Range<Int> {
        sourceRange(normalized: Int(token.start) ..< Int(token.end))
    }

    /// The UTF-8 offset in the input of normalized unit `i` (0…normalizedCount; the input's
    /// length for `normalizedCount`). Units that one character expanded into share its offset.
    public func sourceOffset(_ i: Int) -> Int { Int(state.origins[i]) }

    /// The UTF-8 byte range in the input of the normalized units `range`.
    public func sourceRange(normalized range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return Int(state.origins[range.lowerBound]) ..< Int(state.origins[range.lowerBound]) }
        let start = Int(state.origins[range.lowerBound])
        let lastOrigin = state.origins[range.upperBound - 1]
        var k = range.upperBound
        // The end is where the next source character starts, past any units
        // that the token's last source character expanded into.
        while k < normalizedCount && state.origins[k] == lastOrigin { k += 1 }
        return start ..< Int(state.origins[k])
    }
}
