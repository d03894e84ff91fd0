import Testing
@testable import NewsText

/// `UnsafeBufferPointer<UInt16>.firstIndex(of:from:)` scans 16 units at a time; it must
/// answer as a unit-by-unit search does, at every offset and near both ends.
@Suite struct UTF16SearchTests {
    /// The search it replaces, one position at a time.
    static func naive(_ text: [UInt16], _ needle: [UInt16], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= text.count else { return nil }
        var i = max(from, 0)
        while i <= text.count - needle.count {
            if Array(text[i ..< i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }

    @Test func agreesWithAUnitByUnitSearch() {
        var rng = SystemRandomNumberGenerator()
        // A small alphabet, so that first units and whole needles recur.
        let alphabet: [UInt16] = [0x4E2D, 0x56FD, 0x7701, 0x0041, 0x3000]
        for _ in 0 ..< 3000 {
            let text = (0 ..< Int.random(in: 0 ... 70, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let needle = (0 ..< Int.random(in: 0 ... 4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let from = Int.random(in: -2 ... 72, using: &rng)
            let found = text.withUnsafeBufferPointer { $0.firstIndex(of: needle, from: from) }
            #expect(found == Self.naive(text, needle, from: from), "text \(text) needle \(needle) from \(from)")
        }
    }

    @Test func findsANeedleAtTheVeryEnd() {
        let text = [UInt16](repeating: 0x20, count: 40) + [0x5317, 0x4EAC]
        #expect(text.withUnsafeBufferPointer { $0.firstIndex(of: [0x5317, 0x4EAC]) } == 40)
        #expect(text.withUnsafeBufferPointer { $0.firstIndex(of: [0x4EAC, 0x5317]) } == nil)
        #expect(text.withUnsafeBufferPointer { $0.firstIndex(of: [0x5317, 0x4EAC], from: 41) } == nil)
    }
}
