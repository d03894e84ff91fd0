import Testing
@testable import NewsIngest

/// The UTF-8 shortcuts for scalar prefixes and suffixes find what stepping
/// over `unicodeScalars` finds.
@Suite struct StringBytesTests {
    static let alphabet = ["a", " ", "é", "e\u{301}", "新", "華", "，", "𠀋", "😀", "\u{3000}", "1"]

    @Test func scalarPrefixesAndSuffixesAreWhatScalarIndicesGive() {
        let strings = [""] + WrittenOutPatternTests.randomStrings(seed: 31, count: 3000, alphabet: Self.alphabet, maxLength: 30)
        for s in strings {
            let u = s.unicodeScalars
            for k in [0, 1, 5, 24, 60] {
                let prefixEnd = u.index(u.startIndex, offsetBy: k, limitedBy: u.endIndex) ?? u.endIndex
                #expect(s.scalarPrefixEnd(k) == prefixEnd, "\(s) \(k)")
                let suffixStart = u.index(u.endIndex, offsetBy: -k, limitedBy: u.startIndex) ?? u.startIndex
                #expect(String(s.scalarSuffix(k)) == String(s[suffixStart...]), "\(s) \(k)")
            }
        }
    }
}
