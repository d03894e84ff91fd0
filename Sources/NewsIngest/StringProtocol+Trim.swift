extension StringProtocol {
    /// Without leading and trailing whitespace, including the ideographic space
    /// and no-break space that portals indent with.
    var trimmingSpaces: String {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

extension StringProtocol {
    /// Without any white space: a line's `compact` form.
    var withoutSpaces: String {
        String(String.UnicodeScalarView(unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}
