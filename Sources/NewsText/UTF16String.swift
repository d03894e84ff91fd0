extension String {
    /// The string of UTF-16 `units`, transcoded to UTF-8 on the stack or in one
    /// buffer (the standard library's UTF-16 path validates through a generic
    /// slow path that dominated query analysis). Unpaired surrogates become U+FFFD.
    public init(utf16 units: UnsafeBufferPointer<UInt16>) {
        let capacity = units.count * 3
        self = String(unsafeUninitializedCapacity: capacity, initializingUTF8With: { out in
            var n = 0
            var i = 0
            while i < units.count {
                var scalar = UInt32(units[i])
                i += 1
                if scalar & 0xF800 == 0xD800 {
                    if scalar < 0xDC00, i < units.count, units[i] & 0xFC00 == 0xDC00 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                        i += 1
                    } else {
                        scalar = 0xFFFD
                    }
                }
                switch scalar {
                case ..<0x80:
                    out[n] = UInt8(scalar); n += 1
                case ..<0x800:
                    out[n] = UInt8(0xC0 | scalar >> 6); out[n + 1] = UInt8(0x80 | scalar & 0x3F); n += 2
                case ..<0x10000:
                    out[n] = UInt8(0xE0 | scalar >> 12); out[n + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    out[n + 2] = UInt8(0x80 | scalar & 0x3F); n += 3
                default:
                    // Two UTF-16 units in, four bytes out: still within 3 bytes per unit.
                    out[n] = UInt8(0xF0 | scalar >> 18); out[n + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                    out[n + 2] = UInt8(0x80 | scalar >> 6 & 0x3F); out[n + 3] = UInt8(0x80 | scalar & 0x3F); n += 4
                }
            }
            return n
        })
    }
}

extension UnsafeBufferPointer where Element == UInt16 {
    /// The first index ≥ `from` where `needle` occurs, comparing UTF-16 units (as grep
    /// compares bytes); nil for an empty needle.
    /// - Complexity: O(count · needle.count) worst case; the text is scanned for the needle's
    ///   first unit 16 units at a time (the region tagger looks for hundreds of phrases in
    ///   every article, and most of them are not there).
    public func firstIndex(of needle: [UInt16], from: Int = 0) -> Int? {
        guard let first = needle.first, needle.count <= count, let base = baseAddress else { return nil }
        var i = Swift.max(from, 0)
        let last = count - needle.count
        let splat = SIMD16<UInt16>(repeating: first)
        while i + 16 <= count && i <= last {
            let lanes = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt16>.self) .== splat
            if any(lanes) {
                for j in 0 ..< 16 where lanes[j] {
                    guard i + j <= last else { return nil }
                    if matches(needle, at: i + j) { return i + j }
                }
            }
            i += 16
        }
        while i <= last {
            if self[i] == first && matches(needle, at: i) { return i }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private func matches(_ needle: [UInt16], at i: Int) -> Bool {
        var k = 1
        while k < needle.count && self[i + k] == needle[k] { k += 1 }
        return k == needle.count
    }
}
