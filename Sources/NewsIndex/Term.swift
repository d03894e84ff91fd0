import NewsText

/// The index fields: BM25 scores them separately, the headline with a boost.
public enum Field: UInt8, Sendable, CaseIterable {
    case headline = 0
    case body = 1
}

/// Term keys: `Field u8, Kind u8, UTF-8 text` (FORMAT.md "Terms").
public enum TermKey {
    /// Appends the key of `units` (normalized UTF-16) to `out`, reusing its storage.
    @inline(__always)
    public static func encode(field: Field, kind: TokenKind, units: UnsafeBufferPointer<UInt16>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.append(field.rawValue)
        out.append(kind.rawValue)
        var i = 0
        let n = units.count
        while i < n {
            var c = UInt32(units[i])
            i += 1
            if c >= 0xD800 && c < 0xDC00 && i < n && units[i] >= 0xDC00 && units[i] < 0xE000 {
                c = 0x10000 + ((c - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                i += 1
            }
            if c < 0x80 {
                out.append(UInt8(c))
            } else if c < 0x800 {
                out.append(UInt8(0xC0 | (c >> 6))); out.append(UInt8(0x80 | (c & 0x3F)))
            } else if c < 0x10000 {
                out.append(UInt8(0xE0 | (c >> 12))); out.append(UInt8(0x80 | ((c >> 6) & 0x3F))); out.append(UInt8(0x80 | (c & 0x3F)))
            } else {
                out.append(UInt8(0xF0 | (c >> 18))); out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((c >> 6) & 0x3F))); out.append(UInt8(0x80 | (c & 0x3F)))
            }
        }
    }

    public static func make(field: Field, kind: TokenKind, text: String) -> [UInt8] {
        var key = [UInt8]()
        key.reserveCapacity(2 + text.utf8.count)  // one allocation (a query makes dozens of keys)
        key.append(field.rawValue)
        key.append(kind.rawValue)
        key.append(contentsOf: text.utf8)
        return key
    }

    /// "body:bigram:淄博" for tools.
    public static func describe(_ key: some Collection<UInt8>) -> String {
        let bytes = Array(key)
        guard bytes.count >= 2 else { return "?" }
        let field = Field(rawValue: bytes[0]).map { "\($0)" } ?? "?"
        let kind = TokenKind(rawValue: bytes[1]).map { "\($0)" } ?? "?"
        return "\(field):\(kind):" + String(decoding: bytes[2...], as: UTF8.self)
    }
}

/// FNV-1a, 64 bits: term hashing in memory and the id lookup table on disk.
@inline(__always)
func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

func fnv1a(_ s: String) -> UInt64 {
    var s = s
    return s.withUTF8 { fnv1a(UnsafeRawBufferPointer($0)) }
}
