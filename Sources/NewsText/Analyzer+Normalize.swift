extension AnalysisState {
    /// Decodes UTF-8, maps every code point through the character table into
    /// `units`, and records for each unit the input offset it came from.
    /// - Complexity: O(n); grows the buffers only when an input is larger than any before.
    mutating func normalize(_ bytes: UnsafeBufferPointer<UInt8>, _ table: CharacterTable) {
        let n = bytes.count
        sourceCount = n
        if units.count < n + 64 { resize(n + 64) }
        var i = 0
        var out = 0
        while true {
            let capacity = units.count
            units.withUnsafeMutableBufferPointer { u in
                origins.withUnsafeMutableBufferPointer { o in
                    do {
                        let bmp = table.bmp.elements
                        while i < n && out + 32 < capacity {
                            let (scalar, length) = Self.decode(bytes, i)
                            let entry = scalar < 0x10000 ? bmp[Int(scalar)] : table.entry(scalar)
                            let origin = Int32(i)
                            if entry & CharacterTable.expansionFlag == 0 {
                                if entry < 0x10000 {
                                    u[out] = UInt16(truncatingIfNeeded: entry); o[out] = origin; out += 1
                                } else {
                                    let v = entry - 0x10000
                                    u[out] = UInt16(0xD800 + (v >> 10)); o[out] = origin
                                    u[out + 1] = UInt16(0xDC00 + (v & 0x3FF)); o[out + 1] = origin
                                    out += 2
                                }
                            } else {
                                let offset = Int(entry & 0xFF_FFFF)
                                let count = Int((entry >> 24) & 0x7F)
                                for k in 0 ..< count {
                                    u[out] = table.expansions[offset + k]; o[out] = origin; out += 1
                                }
                            }
                            i += length
                        }
                    }
                }
            }
            if i >= n { break }
            resize(units.count + units.count / 2 + 64)
        }
        origins[out] = Int32(n)
        normalizedCount = out
    }

    mutating func resize(_ capacity: Int) {
        let extra = capacity + 1 - units.count
        units.append(contentsOf: repeatElement(0, count: extra))
        origins.append(contentsOf: repeatElement(0, count: capacity + 1 - origins.count))
    }

    /// The scalar at `i` and its UTF-8 length; malformed input reads as U+FFFD, one byte.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = b.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < n, b[k] & 0xC0 == 0x80 else { return nil }
            return UInt32(b[k] & 0x3F)
        }
        if b0 >= 0xC2 && b0 < 0xE0, let c1 = cont(i + 1) {
            return ((b0 & 0x1F) << 6 | c1, 2)
        }
        if b0 >= 0xE0 && b0 < 0xF0, let c1 = cont(i + 1), let c2 = cont(i + 2) {
            let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
            if v >= 0x800 && !(v >= 0xD800 && v < 0xE000) { return (v, 3) }
        }
        if b0 >= 0xF0 && b0 < 0xF5, let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) {
            let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if v >= 0x10000 && v < 0x110000 { return (v, 4) }
        }
        return (0xFFFD, 1)
    }
}
