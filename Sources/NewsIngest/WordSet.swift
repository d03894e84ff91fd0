/// A fixed list of words, any of which can be looked for in a line in one pass
/// over its UTF-8: twenty byte searches read a line twenty times, this reads
/// it once and compares only where a word's first three bytes (the first
/// character, in Chinese) stand.
///
/// A match is a byte match of the UTF-8, as `String.includes` finds: on valid
/// UTF-8 the same as a match of the words' scalars. A word starts with a lead
/// byte, so positions inside a character are skipped.
struct WordSet: Sendable {
    /// Words of three bytes or more, by their first three bytes, in an
    /// open-addressed table (a key is never zero: 0 marks an empty slot).
    /// Hashing a key this way costs less than a `Dictionary`'s SipHash.
    private let slotKeys: [UInt32]
    private let slotWords: [[[UInt8]]]
    private let mask: Int
    /// One bit per hash of a first three bytes: the quick test before the table.
    private let triples: [UInt64]
    /// Words of two bytes (`»`, `©`), and of one byte (ASCII letters or signs).
    private let doubles: [[UInt8]]
    private let singles: [Bool]

    init(_ words: [String]) {
        var byTriple = [UInt32: [[UInt8]]]()
        var doubles = [[UInt8]]()
        var singles = [Bool](repeating: false, count: 256)
        for word in words where !word.isEmpty {
            let bytes = Array(word.utf8)
            switch bytes.count {
            case 1: singles[Int(bytes[0])] = true
            case 2: doubles.append(bytes)
            default: byTriple[Self.key(bytes[0], bytes[1], bytes[2]), default: []].append(bytes)
            }
        }
        var triples = [UInt64](repeating: 0, count: 64)
        let size = max(16, (byTriple.count * 2).nextPowerOfTwo)
        var slotKeys = [UInt32](repeating: 0, count: size)
        var slotWords = [[[UInt8]]](repeating: [], count: size)
        for (key, words) in byTriple {
            let bit = Self.bit(key)
            triples[bit >> 6] |= 1 << UInt64(bit & 63)
            var h = Self.slot(key, size - 1)
            while slotKeys[h] != 0 { h = (h + 1) & (size - 1) }
            slotKeys[h] = key
            slotWords[h] = words
        }
        self.slotKeys = slotKeys
        self.slotWords = slotWords
        self.mask = size - 1
        self.triples = triples
        self.doubles = doubles
        self.singles = singles
    }

    /// Whether any of the words occurs in `text`.
    ///
    /// - Complexity: O(n) for the short words used here.
    func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(in: $0) }
    }

    func occurs(in u: UnsafeBufferPointer<UInt8>) -> Bool { occurs(in: u, startOnly: false) }

    /// Whether `text` begins with one of the words.
    func starts(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(in: $0, startOnly: true) }
    }

    private func occurs(in u: UnsafeBufferPointer<UInt8>, startOnly: Bool) -> Bool {
        guard let base = u.baseAddress else { return false }
        return singles.withUnsafeBufferPointer { singles in
            triples.withUnsafeBufferPointer { triples in
                occurs(base, u.count, startOnly: startOnly, singles.baseAddress!, triples.baseAddress!)
            }
        }
    }

    private func occurs(_ base: UnsafePointer<UInt8>, _ end: Int, startOnly: Bool,
                        _ singles: UnsafePointer<Bool>, _ triples: UnsafePointer<UInt64>) -> Bool {
        let n = startOnly ? min(end, 1) : end
        let hasDoubles = !doubles.isEmpty
        var i = 0
        while i < n {
            let b = base[i]
            // From one character's first byte to the next's.
            let width = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            if b & 0xC0 == 0x80 {
                i += 1
                continue
            }
            if singles[Int(b)] { return true }
            if hasDoubles, i + 1 < end, doubles.contains(where: { $0[0] == b && $0[1] == base[i + 1] }) { return true }
            if i + 2 < end {
                let key = Self.key(b, base[i + 1], base[i + 2])
                let bit = Self.bit(key)
                if triples[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
                    var h = Self.slot(key, mask)
                    while slotKeys[h] != 0 {
                        if slotKeys[h] == key {
                            for word in slotWords[h] where word.count <= end - i {
                                var k = 3
                                while k < word.count && base[i + k] == word[k] { k += 1 }
                                if k == word.count { return true }
                            }
                            break
                        }
                        h = (h + 1) & mask
                    }
                }
            }
            i += width
        }
        return false
    }

    @inline(__always) private static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    }

    /// The key's bit in `triples` (12 bits of a multiplicative hash).
    @inline(__always) private static func bit(_ key: UInt32) -> Int {
        Int((key &* 0x9E37_79B1) >> 20)
    }

    @inline(__always) private static func slot(_ key: UInt32, _ mask: Int) -> Int {
        Int((key &* 0x85EB_CA6B) >> 16) & mask
    }
}

extension Int {
    fileprivate var nextPowerOfTwo: Int {
        var p = 1
        while p < self { p <<= 1 }
        return p
    }
}
