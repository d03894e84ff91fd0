extension StringProtocol {
    /// Without leading and trailing whitespace, including the ideographic space
    /// and no-break space that portals indent with.
    var trimmingSpaces: String {
        // On scalars: stepping over characters costs a grapheme-break test each.
        let u = unicodeScalars
        var start = u.startIndex
        var end = u.endIndex
        while start < end, u[start].properties.isWhitespace { start = u.index(after: start) }
        while end > start, u[u.index(before: end)].properties.isWhitespace { end = u.index(before: end) }
        return String(self[start ..< end])
    }
}

extension StringProtocol {
    /// Without any white space: a line's `compact` form.
    var withoutSpaces: String {
        String(String.UnicodeScalarView(unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}
