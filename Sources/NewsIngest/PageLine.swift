/// One non-blank line of a saved page, with what it looks like.
///
/// `kind` comes from the line alone (its length, punctuation, digits,
/// separators, widget words, date and label patterns); the extractor then
/// decides from the lines' order which heading is the headline and where the
/// article begins and ends.
struct PageLine {
    /// The line as the page has it, trimmed.
    var text: String
    /// `text` normalized (Simplified, half-width, lowercase).
    var normalized: String
    /// `normalized` without white space.
    var compact: String
    var kind: Kind
    /// Han characters in the line.
    var han: Int
    /// Characters in `compact`.
    var length: Int
    /// The first and last characters of `compact`, as scalar values.
    var first: UInt32 = 0
    var last: UInt32 = 0
    /// Counts in `compact`: `。`; `,` `，` `、`; ASCII digits; sentence ends
    /// (`。!?;`) before the line's closing run of them.
    var fullStops = 0
    var commas = 0
    var digits = 0
    var innerSentenceEnds = 0
    /// The kind the line had from its own look, before any site-furniture override.
    var baseKind: Kind = .prose
    var isText: Bool { baseKind == .prose }

    enum Kind: Equatable {
        /// No words: separators, numbers, stray symbols, a lone letter.
        case noise
        /// Breadcrumbs, menus, site banners, an e-paper's frame.
        case navigation
        /// Share, print, font-size, comment, login and counter controls; tags.
        case widget
        /// Keyword spam injected into hacked pages.
        case spam
        /// Opens what follows the article: related links, comments, copyright.
        case footer
        /// Marks the article's end: `(完)`, `~END~`.
        case endMark
        /// An editor's credit (`[责任编辑:…]`, `编辑:`): after the article, its end.
        case editorCredit
        /// A reporter's or photographer's credit on its own line: `(记者 …)`, `摄影/…`.
        case credit
        /// A photo caption or image placeholder.
        case caption
        /// A date, source or byline line.
        case meta
        /// A summary deck (`导读:…`) or a subtitle opened by a dash.
        case deck
        /// A short line without sentence punctuation: headline, kicker, subhead.
        case heading
        /// Article text.
        case prose
        /// A line seen on many pages of the same site.
        case furniture
    }

    /// Lines that separate blocks of text: the article is one block between them.
    var isHard: Bool {
        switch kind {
        case .navigation, .widget, .spam, .footer, .meta, .furniture, .endMark: true
        default: false
        }
    }
}

extension PageLine {
    /// Fills the counts from the normalized line's UTF-8 in one pass and returns
    /// the line without white space (`compact`).
    ///
    /// - Complexity: O(n); nil when the line has no white space (then `compact`
    ///   is the normalized line itself, and nothing is allocated).
    mutating func measure(_ u: UnsafeBufferPointer<UInt8>) -> String? {
        // Counted in locals, stored once at the end; the compact copy is made
        // afterwards, only for a line that has white space.
        var firstSpace = -1
        var length = 0, han = 0, fullStops = 0, commas = 0, digits = 0
        var first: UInt32 = 0, last: UInt32 = 0
        var i = 0
        var ends = 0
        var trailingEnds = 0
        let count = u.count
        if let p = u.baseAddress {
            while i < count {
                // Runs of U+5000…U+9FFF (lead bytes E5…E9), all common Han, counted without decoding each.
                if p[i] >= 0xE5 && p[i] <= 0xE9 && i + 2 < count {
                    let runStart = i
                    var run = 0
                    while i + 2 < count && p[i] >= 0xE5 && p[i] <= 0xE9 {
                        i += 3
                        run += 1
                    }
                    length += run
                    han += run
                    if first == 0 { first = Self.decode(p, count, at: runStart).0 }
                    last = Self.decode(p, count, at: i - 3).0
                    trailingEnds = 0
                    continue
                }
                let (v, width) = Self.decode(p, count, at: i)
                // Most characters are common Han: no white space, no mark counted, not a sentence end.
                if v >= 0x4E00 && v <= 0x9FFF {
                    length += 1
                    if first == 0 { first = v }
                    last = v
                    han += 1
                    trailingEnds = 0
                    i += width
                    continue
                }
                if Self.isSpace(v) {
                    if firstSpace < 0 { firstSpace = i }
                } else {
                    length += 1
                    if first == 0 { first = v }
                    last = v
                    if Self.isHan(v) { han += 1 }
                    switch v {
                    case 0x3002: fullStops += 1
                    case 0x2C, 0x3001, 0xFF0C: commas += 1
                    case 0x30 ... 0x39: digits += 1
                    default: break
                    }
                    if v == 0x3002 || v == 0x21 || v == 0x3F || v == 0x3B {
                        ends += 1
                        trailingEnds += 1
                    } else {
                        trailingEnds = 0
                    }
                }
                i += width
            }
        }
        self.length += length
        self.han += han
        self.fullStops += fullStops
        self.commas += commas
        self.digits += digits
        if self.first == 0 { self.first = first }
        if length > 0 { self.last = last }
        innerSentenceEnds = ends - trailingEnds
        guard firstSpace >= 0, let p = u.baseAddress else { return nil }
        // From the first white space on, the line is copied without it.
        return String(unsafeUninitializedCapacity: count) { out in
            out.baseAddress!.update(from: p, count: firstSpace)
            var o = firstSpace
            var i = firstSpace
            while i < count {
                let (v, width) = Self.decode(p, count, at: i)
                if !Self.isSpace(v) {
                    for k in 0 ..< width { out[o + k] = p[i + k] }
                    o += width
                }
                i += width
            }
            return o
        }
    }

    /// The white space that `compact` leaves out.
    @inline(__always) static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 || v == 0x3000 || v == 0xFEFF || (v >= 0x2000 && v <= 0x200B)
    }

    /// The scalar at `i` and its width; a sequence cut short by the end reads as U+FFFD, one byte wide.
    @inline(__always) static func decode(_ p: UnsafePointer<UInt8>, _ count: Int, at i: Int) -> (UInt32, Int) {
        let b = p[i]
        if b < 0x80 { return (UInt32(b), 1) }
        if b < 0xE0, i + 1 < count { return (UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b < 0xF0, i + 2 < count { return (UInt32(b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3) }
        if i + 3 < count {
            return (UInt32(b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    static func isHan(_ v: UInt32) -> Bool {
        (0x4E00 ... 0x9FFF).contains(v) || (0x3400 ... 0x4DBF).contains(v) || (0xF900 ... 0xFAFF).contains(v)
            || (0x20000 ... 0x3134F).contains(v)
    }
}
