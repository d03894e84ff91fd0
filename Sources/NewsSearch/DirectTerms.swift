import NewsText

/// The terms of a query that `Highlighter` can find without segmenting: Han bigrams and
/// unigrams, whose tokens do not depend on segmentation (a bigram at every Han character
/// followed by another, a unigram at the last of a run), and one-character prefixes (every Han
/// character starts one of those tokens). A word adds no match when each of its bigrams is a
/// term: a token of the word is covered by theirs, and matches are merged.
struct DirectTerms {
    /// Bigram terms as their two units (`a << 16 | b`), unigram and prefix terms as their unit:
    /// a query has a handful, so a scan beats hashing.
    var bigrams: [UInt32] = []
    var unigrams: [UInt16] = []
    var prefixes: [UInt16] = []
    /// Bit u set: some term starts with unit u (most Han characters of a text start none).
    var firsts = [UInt64](repeating: 0, count: 1024)

    /// Nil when a term needs segmentation: letters, numbers, a word with a bigram that is not
    /// a term, or any character outside the Basic Multilingual Plane's Han.
    init?(terms: Set<[UInt16]>, prefixes: Set<UInt32>) {
        for p in prefixes {
            guard p < 0x10000, Self.isHan(UInt16(p)) else { return nil }
            self.prefixes.append(UInt16(p))
            mark(UInt16(p))
        }
        let bigramKind = UInt16(TokenKind.bigram.rawValue)
        for key in terms {
            let text = key.dropFirst()
            guard !text.isEmpty, text.allSatisfy(Self.isHan) else { return nil }
            switch TokenKind(rawValue: UInt8(key[0])) {
            case .bigram where text.count == 2:
                bigrams.append(UInt32(text.first!) << 16 | UInt32(text.last!))
                mark(text.first!)
            case .unigram where text.count == 1:
                unigrams.append(text.first!)
                mark(text.first!)
            case .word where text.count >= 2:
                let units = Array(text)
                for i in 0 ..< units.count - 1 where !terms.contains([bigramKind, units[i], units[i + 1]]) { return nil }
            default:
                return nil
            }
        }
    }

    private mutating func mark(_ u: UInt16) { firsts[Int(u >> 6)] |= 1 << UInt64(u & 63) }

    @inline(__always)
    func starts(_ u: UInt16) -> Bool { firsts[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 }

    /// `Han.isHan` for one UTF-16 unit (so never a surrogate), inlined into the scan:
    /// 〇, extension A, the unified block and the compatibility ideographs.
    @inline(__always)
    static func isHan(_ u: UInt16) -> Bool {
        if u < 0x3007 { return false }
        if u < 0xA000 { return u >= 0x4E00 || (u >= 0x3400 && u < 0x4DC0) || u == 0x3007 }
        return u >= 0xF900 && u < 0xFB00
    }
}
