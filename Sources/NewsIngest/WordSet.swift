/// A fixed list of words, any of which can be looked for in a line in one pass
/// over its UTF-8: `includesAny` with a list of twenty words reads the line
/// twenty times, this reads it once and compares only where a word's first two
/// bytes stand.
///
/// A match is a byte match of the UTF-8, as `String.includes` finds: on valid
/// UTF-8 the same as a match of the words' scalars.
struct WordSet: Sendable {
    /// Words of two bytes or more, by their first two bytes, in an open-addressed
    /// table (a first pair never has a zero byte, so 0 marks an empty slot):
    /// hashing a key costs less than a `Dictionary`'s, which hashes with SipHash.
    private let slotKeys: [UInt16]
    private let slotWords: [[[UInt8]]]
    private let mask: Int
    /// One bit per possible first pair: a quick test before the dictionary.
    private let pairs: [UInt64]
    /// Words of one byte (ASCII letters or signs).
    private let singles: [Bool]

    init(_ words: [String]) {
        var byPair = [UInt16: [[UInt8]]]()
        var pairs = [UInt64](repeating: 0, count: 1024)
        var singles = [Bool](repeating: false, count: 256)
        for word in words where !word.isEmpty {
            let bytes = Array(word.utf8)
            if bytes.count == 1 {
                singles[Int(bytes[0])] = true
                continue
            }
            let key = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
            byPair[key, default: []].append(bytes)
            pairs[Int(key >> 6)] |= 1 << UInt64(key & 63)
        }
        let size = max(16, (byPair.count * 2).nextPowerOfTwo)
        var slotKeys = [UInt16](repeating: 0, count: size)
        var slotWords = [[[UInt8]]](repeating: [], count: size)
        for (key, words) in byPair {
            var h = Self.slot(key, size - 1)
            while slotKeys[h] != 0 { h = (h + 1) & (size - 1) }
            slotKeys[h] = key
            slotWords[h] = words
        }
        self.slotKeys = slotKeys
        self.slotWords = slotWords
        self.mask = size - 1
        self.pairs = pairs
        self.singles = singles
    }

    /// Whether any of the words occurs in `text`.
    ///
    /// - Complexity: O(n) for the short words used here.
    func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(in: $0) }
    }

    func occurs(in u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return false }
        let n = u.count
        var i = 0
        while i < n {
            let b = base[i]
            if singles[Int(b)] { return true }
            if i + 1 < n {
                let key = UInt16(b) << 8 | UInt16(base[i + 1])
                if pairs[Int(key >> 6)] & (1 << UInt64(key & 63)) != 0 {
                    var h = Self.slot(key, mask)
                    while slotKeys[h] != key { h = (h + 1) & mask }
                    for word in slotWords[h] where word.count <= n - i {
                        var k = 2
                        while k < word.count && base[i + k] == word[k] { k += 1 }
                        if k == word.count { return true }
                    }
                }
            }
            i += 1
        }
        return false
    }

    @inline(__always) private static func slot(_ key: UInt16, _ mask: Int) -> Int {
        Int((UInt32(key) &* 0x9E37_79B1) >> 16) & mask
    }
}

extension Int {
    fileprivate var nextPowerOfTwo: Int {
        var p = 1
        while p < self { p <<= 1 }
        return p
    }
}
