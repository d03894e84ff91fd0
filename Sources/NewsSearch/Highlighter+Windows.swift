import NewsText

/// Where the analyzer needs to look for a query's matches: the clauses of a text that hold a
/// term's text, so that a long article is segmented only around the few places that can match.
///
/// Why a clause gives the whole text's tokens: a token that matches has a term's normalized
/// text (or, for a one-character term, its character) at its place, so every match lies
/// around a place where `needles` occur. A clause is cut at a separator (`,` `、` `。` `!` `?`
/// `;` `:` `“` `”` `《` `》` `(` `)`, after normalization) with a CJK ideograph on each side,
/// each its own character in the source: ICU's word rules break on both sides of such a
/// separator whatever comes before or after (no rule joins an ideograph to punctuation, and
/// dictionary segmentation runs within the ideographs between rule breaks), Han runs end
/// there (so bigrams, final unigrams and lexicon matches stay inside), and letters and
/// numbers cannot reach across an ideograph. So analyzing a clause alone gives the tokens
/// that analyzing the whole text gives inside it; `HighlighterWindowTests` checks this on
/// articles of the corpus.
extension Highlighter {
    /// Sets what `candidateWindows` looks for: the normalized texts a matching token can have.
    func setNeedles(_ texts: [[UInt16]]) {
        needles = [:]
        for i in firstUnits.indices { firstUnits[i] = 0 }
        for t in Set(texts) where !t.isEmpty {
            needles[t[0], default: []].append(t)
            firstUnits[Int(t[0] >> 6)] |= 1 << UInt64(t[0] & 63)
        }
    }

    /// The byte ranges of the last normalized input (`Analyzer.normalizeOnly`) to analyze, in
    /// order and apart: each clause that holds a needle, clauses that touch joined.
    /// - Complexity: O(n) for the search (a bit test per unit, then a comparison per needle
    ///   with that first unit), plus the clauses' lengths.
    func candidateWindows() -> [Range<Int>] {
        guard !needles.isEmpty else { return [] }
        var windows = [Range<Int>]()
        analyzer.withNormalized { units in
            let n = units.count
            /// Whether unit `c` is a separator that clauses are cut at.
            func isCut(_ c: Int) -> Bool {
                guard c >= 1, c + 1 < n, Self.isSeparator(units[c]),
                      Self.isIdeograph(units[c - 1]), Self.isIdeograph(units[c + 1]) else { return false }
                // Each its own character: no expansion shares a unit with the separator.
                let at = analyzer.sourceOffset(c)
                return analyzer.sourceOffset(c - 1) != at && analyzer.sourceOffset(c + 1) != at
            }
            var i = 0
            while i < n {
                let u = units[i]
                guard firstUnits[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0, let list = needles[u] else { i += 1; continue }
                var longest = 0
                for t in list where t.count > longest && i + t.count <= n {
                    var k = 1
                    while k < t.count && units[i + k] == t[k] { k += 1 }
                    if k == t.count { longest = t.count }
                }
                guard longest > 0 else { i += 1; continue }
                var end = i + longest
                if let last = windows.last, i < last.upperBound {
                    // Inside the last clause; it grows when the text runs past its end.
                    if end > last.upperBound {
                        while end < n && !isCut(end) { end += 1 }
                        windows[windows.count - 1] = last.lowerBound ..< end
                    }
                } else {
                    var start = i
                    while start > 0 && !isCut(start - 1) { start -= 1 }
                    while end < n && !isCut(end) { end += 1 }
                    if let last = windows.last, start <= last.upperBound {
                        windows[windows.count - 1] = last.lowerBound ..< max(end, last.upperBound)
                    } else {
                        windows.append(start ..< end)
                    }
                }
                i += 1
            }
        }
        // In bytes: a clause starts at its first character and ends where the separator does.
        return windows.map { analyzer.sourceOffset($0.lowerBound) ..< analyzer.sourceOffset($0.upperBound) }
    }

    @inline(__always)
    static func isIdeograph(_ u: UInt16) -> Bool { u >= 0x4E00 && u < 0xA000 }

    @inline(__always)
    static func isSeparator(_ u: UInt16) -> Bool {
        switch u {
        case 0x2C, 0x3001, 0x3002, 0x21, 0x3F, 0x3B, 0x3A, 0x201C, 0x201D, 0x300A, 0x300B, 0x28, 0x29: true
        default: false
        }
    }
}

extension Highlighter {
    /// The tokens of `direct` in the last normalized input, as byte ranges: the tokens that
    /// segmenting it would give for those terms (see `DirectTerms`).
    /// - Complexity: O(n), a bit test per unit and a short scan for the few that start a term.
    func directMatches(_ direct: DirectTerms, into ranges: inout [Range<Int>]) {
        var found = [Range<Int>]()
        analyzer.withNormalized { units in
            let n = units.count
            for i in 0 ..< n {
                let u = units[i]
                guard direct.starts(u), DirectTerms.isHan(u) else { continue }
                let next: UInt16 = i + 1 < n ? units[i + 1] : 0
                if DirectTerms.isHan(next) {
                    let pair = UInt32(u) << 16 | UInt32(next)
                    if direct.bigrams.contains(pair) { found.append(i ..< i + 2) }
                } else if !(next >= 0xD840 && next < 0xD8C9) {
                    // The run ends here (a supplementary ideograph would carry it on): a unigram.
                    if direct.unigrams.contains(u) { found.append(i ..< i + 1) }
                }
                if direct.prefixes.contains(u) { found.append(i ..< i + 1) }
            }
        }
        for r in found { ranges.append(analyzer.sourceRange(normalized: r)) }
    }
}
