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

    /// Unicode's White_Space property (what `properties.isWhitespace` answers),
    /// written out: the property lookup costs a table search for every scalar.
    @inline(__always) var isWhiteSpace: Bool {
        let v = value
        if v < 0x80 { return v == 0x20 || v >= 0x09 && v <= 0x0D }
        if v < 0x1680 { return v == 0x85 || v == 0xA0 }
        return v == 0x1680 || v >= 0x2000 && v <= 0x200A || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0x3000
    }
}
