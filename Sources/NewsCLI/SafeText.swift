/// Text from articles, files and users on its way out of the tools. Article text is
/// hostile input: a headline can hold `ESC ]0;…` (retitling the terminal), `ESC [2J`
/// (clearing it) or U+202E (reversing what follows), and an id or a title can hold
/// the separators of a CSV or TSV row. Everything printed goes through one of these.
///
/// Unsafe scalars are the C0 controls, DEL, the C1 controls and the bidirectional
/// formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
public enum SafeText {
    /// Whether `s` is a control character or a bidirectional formatting character.
    @inline(__always)
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00 ... 0x1F, 0x7F ... 0x9F, 0x061C, 0x200E, 0x200F, 0x202A ... 0x202E, 0x2066 ... 0x2069: true
        default: false
        }
    }

    /// Whether `s` breaks a line or moves along one (tab, LF, VT, FF, CR, NEL, U+2028, U+2029).
    @inline(__always)
    static func isBreak(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09 ... 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// `s` for one line of a terminal: breaks become spaces, other unsafe scalars are dropped.
    /// Each scalar becomes at most one, so offsets into the result never run past those into `s`.
    /// - Complexity: O(n); `s` itself when it has nothing to change.
    public static func display(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isUnsafe($0) || isBreak($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if isBreak(c) { out.append(" ") } else if !isUnsafe(c) { out.append(c) }
        }
        return String(out)
    }

    /// `s` for a message (stderr, diagnostics): newlines and tabs stay, other unsafe scalars
    /// are shown as `\u{1B}`, so a user sees what a file or a value holds.
    public static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            if isUnsafe(c) && c != "\n" && c != "\t" {
                out += "\\u{" + String(c.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A CSV cell (RFC 4180): unsafe scalars other than tab, CR and LF dropped; a cell that
    /// starts with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'`, so that a spreadsheet
    /// reads it as text, not as a formula (OWASP's advice on CSV injection); a cell holding a
    /// comma, a quote, a CR or an LF is quoted, its quotes doubled (line breaks stay inside).
    public static func csvCell(_ s: String) -> String {
        var t = s.unicodeScalars.contains(where: isUnsafe) ? String(String.UnicodeScalarView(
            s.unicodeScalars.filter { !isUnsafe($0) || $0 == "\t" || $0 == "\r" || $0 == "\n" })) : s
        if let first = t.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { t = "'" + t }
        guard t.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return t }
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A TSV cell: backslash, tab, LF and CR written as `\\`, `\t`, `\n`, `\r` (so a value never
    /// breaks a row or shifts a column), other unsafe scalars dropped.
    public static func tsvCell(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isUnsafe($0) || $0 == "\\" }) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c {
            case "\\": out.append(contentsOf: #"\\"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            default: if !isUnsafe(c) { out.append(c) }
            }
        }
        return String(out)
    }
}
