extension StringProtocol {
    /// Without leading and trailing whitespace, including the ideographic space
    /// and no-break space that portals indent with.
    var trimmingSpaces: String {
        // On scalars: stepping over characters costs a grapheme-break test each.
        let u = unicodeScalars
        var start = u.startIndex
        var end = u.endIndex
        while start < end, u[start].isWhiteSpace { start = u.index(after: start) }
        while end > start, u[u.index(before: end)].isWhiteSpace { end = u.index(before: end) }
        return String(self[start ..< end])
    }
}

extension StringProtocol {
    /// Without any white space: a line's `compact` form.
    var withoutSpaces: String {
        let u = unicodeScalars
        guard u.contains(where: \.isWhiteSpace) else { return String(self) }
        // The runs between spaces, copied as UTF-8.
        var out = ""
        out.reserveCapacity(utf8.count)
        var run = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            let next = u.index(after: i)
            if u[i].isWhiteSpace {
                out += self[run ..< i]
                run = next
            }
            i = next
        }
        out += self[run...]
        return out
    }
}

extension Unicode.Scalar {
    /// `properties.isAlphabetic` (what `Character.isLetter` asks of a
    /// character's first scalar), answered without the table for ASCII and
    /// the main block of Han ideographs, all of it assigned and alphabetic.
    @inline(__always) var isLetter: Bool {
        let v = value
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        if v < 0x80 { return v >= 0x41 && v <= 0x5A || v >= 0x61 && v <= 0x7A }
        return properties.isAlphabetic
    }

    /// A letter that is not a numeral (`isLetter` with no `properties.numericType`:
    /// 新 but not 三 or 萬), with the main Han block's 64 numerals listed.
    @inline(__always) var isNameLetter: Bool {
        let v = value
        if v >= 0x4E00 && v <= 0x9FFF { return !Self.hanNumerals.contains(v) }
        if v < 0x80 { return v >= 0x41 && v <= 0x5A || v >= 0x61 && v <= 0x7A }
        return properties.isAlphabetic && properties.numericType == nil
    }

    /// Whether `properties.numericType` is set (digits, numerals such as 三 or Ⅻ),
    /// without the table for ASCII and the main Han block.
    @inline(__always) var isNumeral: Bool {
        let v = value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        if v >= 0x4E00 && v <= 0x9FFF { return Self.hanNumerals.contains(v) }
        return properties.numericType != nil
    }

    /// The scalars of U+4E00…U+9FFF that have a numeric type (一, 七, 万 … 零).
    static let hanNumerals: Set<UInt32> = [
        0x4E00, 0x4E03, 0x4E07, 0x4E09, 0x4E24, 0x4E5D, 0x4E8C, 0x4E94, 0x4E96, 0x4EAC, 0x4EBF, 0x4EC0, 0x4EDF, 0x4EE8, 0x4F0D, 0x4F70,
        0x4FE9, 0x5006, 0x5104, 0x5146, 0x5169, 0x516B, 0x516D, 0x5341, 0x5343, 0x5344, 0x5345, 0x534C, 0x53C1, 0x53C2, 0x53C3, 0x53C4,
        0x56DB, 0x58F1, 0x58F9, 0x5E7A, 0x5EFE, 0x5EFF, 0x5F0C, 0x5F0D, 0x5F0E, 0x5F10, 0x62D0, 0x62FE, 0x634C, 0x67D2, 0x6D1E, 0x6F06,
        0x7396, 0x767E, 0x7695, 0x79ED, 0x8086, 0x842C, 0x8CAE, 0x8CB3, 0x8D30, 0x920E, 0x94A9, 0x9621, 0x9646, 0x964C, 0x9678, 0x96F6,
    ]

    /// Unicode's White_Space property (what `properties.isWhitespace` answers),
    /// written out: the property lookup costs a table search for every scalar.
    @inline(__always) var isWhiteSpace: Bool {
        let v = value
        if v < 0x80 { return v == 0x20 || v >= 0x09 && v <= 0x0D }
        if v < 0x1680 { return v == 0x85 || v == 0xA0 }
        return v == 0x1680 || v >= 0x2000 && v <= 0x200A || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0x3000
    }
}
