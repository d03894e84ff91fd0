/// Text made of runs in one style each (an SGR escape such as `"\u{1B}[1m"`, or `""` for
/// none), laid out in lines that fit a terminal. Each line closes its style and the
/// next opens it again, so a pager (`less -R`) shows every line as it should.
///
/// Lines break between Han characters anywhere, never inside a Latin word or number
/// that fits a line (`MEMS`, `5.3%`), at a space when one lies in the last quarter of
/// the line, and never before closing punctuation (`，。】`) or after opening
/// punctuation (`（【`); widths count East Asian wide characters as two columns.
public struct StyledText {
    private var scalars: [Unicode.Scalar] = []
    /// The style of each scalar: an index into `styles`, whose first is no style.
    private var styleOf: [Int] = []
    private var styles = [""]

    public init() {}

    public init(_ text: String, style: String = "") { append(text, style: style) }

    public mutating func append(_ text: String, style: String = "") {
        let k: Int
        if let i = styles.firstIndex(of: style) { k = i } else { styles.append(style); k = styles.count - 1 }
        for s in text.unicodeScalars {
            scalars.append(s)
            styleOf.append(k)
        }
    }

    /// Columns the text takes on one line.
    public var columns: Int { scalars.reduce(0) { $0 + Terminal.width(of: $1) } }

    /// The text in lines of at most `width` columns, each ended by a line feed: the first
    /// begins with `indent`, the others with `continuation`. A `width` of 0 (or less)
    /// keeps the text on one line.
    /// - Complexity: O(n) in the scalars of the text.
    public func wrapped(width: Int, indent: String = "", continuation: String = "") -> String {
        let lines = width > 0
            ? breaks(first: width - Terminal.width(indent), rest: width - Terminal.width(continuation))
            : [0 ..< scalars.count]
        var out = ""
        for (n, line) in lines.enumerated() {
            out += (n == 0 ? indent : continuation) + render(line) + "\n"
        }
        return out
    }

    /// The text in lines of at most `width` columns (for a table's cell), without line feeds.
    public func lines(width: Int) -> [String] {
        (width > 0 ? breaks(first: width, rest: width) : [0 ..< scalars.count]).map(render)
    }

    /// The scalars in `range`, with escapes where the style changes and a reset at the end.
    private func render(_ range: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        var current = 0
        for i in range {
            if styleOf[i] != current {
                if current != 0 { out.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
                current = styleOf[i]
                out.append(contentsOf: styles[current].unicodeScalars)
            }
            out.append(scalars[i])
        }
        if current != 0 { out.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
        return String(out)
    }

    /// The ranges of scalars that make each line: the first line has `first` columns,
    /// the others `rest`. Spaces at a break are dropped. At least one line.
    private func breaks(first: Int, rest: Int) -> [Range<Int>] {
        var lines = [Range<Int>]()
        var start = 0
        while start < scalars.count {
            let room = max(2, lines.isEmpty ? first : rest)
            var end = start, used = 0
            while end < scalars.count {
                let w = Terminal.width(of: scalars[end])
                if used + w > room { break }
                used += w
                end += 1
            }
            if end == scalars.count {
                lines.append(start ..< end)
                break
            }
            let cut = end == start ? start + 1 : breakPoint(start, end, room: room)
            var last = cut
            while last > start && scalars[last - 1] == " " { last -= 1 }
            lines.append(start ..< last)
            start = cut
            while start < scalars.count && scalars[start] == " " { start += 1 }
        }
        return lines.isEmpty ? [0 ..< 0] : lines
    }

    /// Where a line that starts at `start` and is full before `end` ends (start < result ≤ end).
    private func breakPoint(_ start: Int, _ end: Int, room: Int) -> Int {
        if scalars[end] == " " { return end }
        if let space = (start ..< end).last(where: { scalars[$0] == " " }),
           scalars[start ..< space].reduce(0, { $0 + Terminal.width(of: $1) }) >= room * 3 / 4 {
            return space + 1
        }
        var cut = end
        if cut - 1 > start && Self.closing.contains(scalars[cut]) { cut -= 1 }
        if cut - 1 > start && Self.opening.contains(scalars[cut - 1]) { cut -= 1 }
        if Self.isWordPart(scalars[cut]) && Self.isWordPart(scalars[cut - 1]) {
            var word = cut - 1
            while word > start && Self.isWordPart(scalars[word - 1]) { word -= 1 }
            if word > start { cut = word }  // else the word is longer than a line: cut it
        }
        while cut - 1 > start && Terminal.width(of: scalars[cut]) == 0 { cut -= 1 }  // a mark stays with its base
        return cut
    }

    /// Narrow characters but the space: parts of a Latin word or a number (`(GDP)`, `5.3%`).
    private static func isWordPart(_ s: Unicode.Scalar) -> Bool {
        s != " " && Terminal.width(of: s) <= 1
    }

    /// Punctuation that never begins a line.
    private static let closing = Set("，。、；：？！）》」』】〕〗〙〛〉”’…％,.;:?!)]}⟧".unicodeScalars)
    /// Punctuation that never ends a line.
    private static let opening = Set("（《「『【〔〖〘〚〈“‘([{⟦".unicodeScalars)
}
