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

    /// Could be a headline.
    var isHeadingLike: Bool { kind == .heading }
}

extension PageLine {
    static func isHan(_ v: UInt32) -> Bool {
        (0x4E00 ... 0x9FFF).contains(v) || (0x3400 ... 0x4DBF).contains(v) || (0xF900 ... 0xFAFF).contains(v)
            || (0x20000 ... 0x3134F).contains(v)
    }

    /// Sentence-ending punctuation, after normalization.
    static func isSentenceEnd(_ c: Character) -> Bool { c == "。" || c == "!" || c == "?" || c == ";" }
}
