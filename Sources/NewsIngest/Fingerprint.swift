import NewsText

/// A near-duplicate fingerprint for reprint detection: the bottom-k sketch
/// (the `size` smallest distinct hashes) of the overlapping 3-character
/// shingles of the normalized body. Han, letters and digits count;
/// punctuation and spaces are skipped, so re-punctuated reprints shingle alike,
/// and normalization makes Traditional reprints match Simplified originals.
///
/// Two sketches estimate the Jaccard similarity of their shingle sets
/// (Broder's bottom-k estimator), which separates an edited reprint (most
/// shingles shared) from a different story of the same place and day (few).
public struct Fingerprint: Hashable, Sendable {
    public static let size = 32
    /// Bodies with fewer shingles get no fingerprint: too short to tell a reprint
    /// from a different story sharing a phrase.
    public static let minimumShingles = 60

    /// Sorted ascending, `size` values.
    public var hashes: [UInt32]

    public init(hashes: [UInt32]) { self.hashes = hashes }

    /// The fingerprint of `body`, or nil when it is too short.
    public init?(body: String, table: CharacterTable) {
        let units = Array(table.normalize(body).utf16)
        guard let f = units.withUnsafeBufferPointer({ Fingerprint(normalized: $0) }) else { return nil }
        self = f
    }

    /// The fingerprint of already-normalized UTF-16 text (the analyzer's buffer).
    /// - Complexity: O(n · size) worst case, O(n) typically.
    public init?(normalized text: UnsafeBufferPointer<UInt16>) {
        var bottom = [UInt32]()
        bottom.reserveCapacity(Self.size + 1)
        var a: UInt16 = 0, b: UInt16 = 0
        var seen = 0
        var shingles = 0
        for u in text where Self.isContent(u) {
            let first = a
            (a, b) = (b, u)
            seen += 1
            guard seen >= 3 else { continue }
            shingles += 1
            let h = UInt32(truncatingIfNeeded: Self.mix(UInt64(first) << 32 | UInt64(a) << 16 | UInt64(u)) >> 32)
            if bottom.count == Self.size, h >= bottom[Self.size - 1] { continue }
            // Insert keeping order and distinctness.
            var i = bottom.count
            while i > 0 && bottom[i - 1] > h { i -= 1 }
            if i > 0 && bottom[i - 1] == h { continue }
            bottom.insert(h, at: i)
            if bottom.count > Self.size { bottom.removeLast() }
        }
        guard shingles >= Self.minimumShingles, bottom.count == Self.size else { return nil }
        hashes = bottom
    }

    /// The estimated Jaccard similarity of the two shingle sets, 0…1.
    public func similarity(_ other: Fingerprint) -> Double {
        var i = 0, j = 0, taken = 0, shared = 0
        while taken < Self.size && i < hashes.count && j < other.hashes.count {
            let x = hashes[i], y = other.hashes[j]
            if x == y { shared += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
            taken += 1
        }
        return Double(shared) / Double(Self.size)
    }

    /// A 64-bit label derived from the sketch (names a cluster).
    public var label: UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for v in hashes { h = Self.mix(h ^ UInt64(v)) }
        return h == 0 ? 1 : h
    }

    @inline(__always)
    static func isContent(_ u: UInt16) -> Bool {
        (u >= 0x30 && u <= 0x39) || (u >= 0x61 && u <= 0x7A) || (u >= 0x41 && u <= 0x5A) || (u >= 0x3400 && u < 0xA000)
            || (u >= 0xD800 && u < 0xDC00)
    }

    /// SplitMix64's finalizer: a fast, well-mixed 64-bit hash.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
