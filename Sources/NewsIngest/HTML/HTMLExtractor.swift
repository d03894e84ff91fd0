import Foundation
import NewsText

/// Finds the article in a web page: the headline, date, source and author from
/// what the page carries (`<h1>`, Open Graph and article meta tags, JSON-LD,
/// `<title>` without the site's suffix, the visible date/source line), and the
/// article's paragraphs without the page around it.
///
/// It works in four steps:
/// 1. libxml2 parses the page (`MarkupTree`); scripts, styles, forms, media and
///    hidden elements never count.
/// 2. Each element's text, link text and punctuation are summed. Every block
///    that holds a sentence's worth of its own text (`<p>`, a `<div>` of text
///    and `<br>`s) scores by its punctuation and length, and hands the score
///    to its parent, and less to its grandparent and great-grandparent (the
///    scheme of readability and GeneralNewsExtractor). The article is the
///    element with the best score discounted by its link density, with its
///    siblings that score nearly as well.
/// 3. Inside it, link lists (related articles), share and comment boxes (by
///    their class or id) and captions are left out; paragraphs stay lines.
/// 4. The headline, the lines between it and the article (the date/source
///    line) and the article's lines are read as a text page by
///    `PageExtractor`, which drops credits, editors' lines, original-title
///    notes, widgets and what follows the article's end, and reads the date,
///    source and author as it does for text pages.
public struct HTMLExtractor: Sendable {
    let table: CharacterTable
    let pages: PageExtractor

    public init(table: CharacterTable) {
        self.table = table
        pages = PageExtractor(table: table)
    }

    public struct Extracted: Sendable {
        public var page = PageExtractor.Extracted()
        /// The page's canonical address (`<link rel=canonical>`, `og:url`), if it gives one.
        public var url: String?
        /// False when no article text was found: the result holds the page's
        /// title and description only.
        public var isArticle = true
    }

    /// The article in `html` (decoded text). `path` and `fileYear` complete dates
    /// without a year, as for text pages.
    public func extract(_ html: String, path: String, fileYear: Int? = nil) -> Extracted {
        var result = Extracted()
        guard let tree = MarkupTree.html(html) else {
            result.isArticle = false
            return result
        }
        return extract(Page(tree: tree), path: path, fileYear: fileYear)
    }

    /// An HTML fragment (a feed item's `content:encoded`): all of it is the
    /// article, with the same cleaning inside.
    func extractFragment(_ html: String, headline: String, path: String, fileYear: Int?) -> PageExtractor.Extracted {
        guard let tree = MarkupTree.html("<html><body><div>" + html + "</div></body></html>") else {
            return PageExtractor.Extracted()
        }
        let page = Page(tree: tree)
        return pages.extract(headline: headline, header: [], article: page.render(page.roots(), cleaned: true), path: path, fileYear: fileYear)
    }

    /// The page as the text-page extractor reads it: the headline, the lines
    /// between it and the article, the article's block, each line with its kind
    /// (for `news-index parse --explain`).
    public func explain(_ html: String) -> [(kind: String, text: String)] {
        guard let tree = MarkupTree.html(html) else { return [] }
        let page = Page(tree: tree)
        let meta = page.metadata()
        let (header, article, _, headline, blocks, _) = layout(page, meta: meta)
        func name(_ b: Int) -> String {
            let words = page.classAndID(b).trimmingSpaces
            return "<\(tree.elements[b].name)\(words.isEmpty ? "" : " " + words)>, \(page.chars[b]) characters"
        }
        let chosen = blocks.map(name).joined(separator: " + ")
        let others = page.rankedCandidates(4).map { "\(Int($0.score.rounded())): \(name($0.element))" }
        let from = headline.element.map { "<\(tree.elements[$0].name)>" } ?? (meta.ogTitle != nil ? "og:title" : "<title>")
        return [("article in", chosen)] + others.map { ("score", $0) } + [("headline", "\(from) \(headline.text)")]
            + pages.explain(header.joined(separator: "\n")) + [("article", "")] + pages.explain(article.joined(separator: "\n"))
    }

    /// The headline, the page's lines between it and the article (its date and
    /// source line), and the article's lines, as one text page.
    func layout(_ page: Page, meta: PageMetadata)
        -> (header: [String], article: [String], trailer: [String], headline: (text: String, element: Int?), blocks: [Int], text: Page.Text) {
        let blocks = page.articleBlocks()
        let headline = page.headline(meta: meta, before: blocks.first)
        // Only the part of the page around the headline and the article is rendered.
        let n = page.tree.elements.count
        var window = 0 ..< n
        if let first = blocks.first, let last = blocks.last {
            window = max(0, min(headline.element ?? first, first) - 400) ..< min(n, page.subtreeEnd(last) + 300)
        }
        let text = page.text(window)
        var header = [String]()
        if let first = blocks.first {
            let start = text.enter[first]
            if let h = headline.element {
                // A date line may stand just above the headline too.
                header = Array(text.lines(after: text.enter[max(h - 30, 0)] - 1, before: text.enter[h]).filter { $0.count <= 60 }.suffix(2))
                header += text.lines(after: text.exit[h], before: start).filter { $0.count <= 160 }.prefix(12)
            } else {
                header = Array(text.lines(after: text.enter[max(first - 400, 0)] - 1, before: start).filter { $0.count <= 160 }.suffix(8))
            }
        }
        var article = [String]()
        for block in blocks { article += page.render([.element(block)], cleaned: true) }
        var trailer = [String]()
        if let last = blocks.last {
            trailer = Array(text.lines(after: text.exit[last], before: Int.max).prefix(40).filter { $0.count <= 100 }.prefix(12))
        }
        return (header, article, trailer, headline, blocks, text)
    }

    func extract(_ page: Page, path: String, fileYear: Int?) -> Extracted {
        var result = Extracted()
        let meta = page.metadata()
        result.url = meta.url
        let (header, article, trailer, headline, blocks, text) = layout(page, meta: meta)
        // A month and day shown without a year take it from the machine dates.
        let machineYear = (meta.date ?? meta.modified).flatMap { Self.day(fromMachineDate: $0) }?.components.year
        var extracted = pages.extract(headline: headline.text, headlineIsGuess: headline.element == nil, header: header, article: article,
                                      trailer: trailer, path: path, fileYear: machineYear ?? fileYear)
        extracted.warnings = extracted.warnings.filter { !$0.hasPrefix("most of the page") }

        // Dates the page states for machines come first; the visible line next.
        if let day = meta.date.flatMap({ Self.day(fromMachineDate: $0) }) {
            extracted.date = .day(day)
        } else if extracted.date == nil {
            let from = max((headline.element ?? blocks.first ?? 0) - 50, 0)
            let around = from < page.tree.elements.count
                ? text.lines(after: text.enter[from] - 1, before: blocks.first.map { text.enter[$0] + 1 } ?? Int.max) : []
            for line in around where line.count <= 120 {
                if case .day(let d)? = DateParser.find(in: table.normalize(line)) { extracted.date = .day(d); break }
            }
        }
        if case .day(let d)? = extracted.date, !(1950 ... 2100).contains(d.components.year) { extracted.date = nil }
        if extracted.date == nil {
            // A date line right after the article ("发布日期：…" under it).
            for line in trailer.prefix(8) where line.count <= 60 && PageVocabulary.dateLabels.contains(where: { line.hasPrefix($0) }) {
                if case .day(let d)? = DateParser.find(in: table.normalize(line)) { extracted.date = .day(d); break }
            }
        }
        if extracted.date == nil, let day = (meta.scriptDate ?? meta.modified).flatMap({ Self.day(fromMachineDate: $0) }) {
            extracted.date = .day(day)
        }
        if extracted.source == nil, let source = meta.source ?? meta.account, !source.isEmpty {
            extracted.source = source
        }
        if extracted.author == nil, let author = meta.author, !author.isEmpty, author.count <= 20 {
            extracted.author = author
        }
        if extracted.body.count < 20 {
            result.isArticle = false
            extracted.body = meta.description ?? ""
            if extracted.headline.isEmpty { extracted.headline = headline.text }
        }
        result.page = extracted
        return result
    }

    /// `2019-09-07T13:43:45+08:00`, `2019-09-07 18:57:38`, `20190907`, `2019年9月7日`:
    /// the day as the page's own clock gives it; a UTC time (`Z`, `+00:00`) is read in China's.
    static func day(fromMachineDate raw: String) -> Day? {
        let s = raw.trimmingSpaces
        guard !s.isEmpty else { return nil }
        if s.count >= 16, s.hasSuffix("Z") || s.hasSuffix("+00:00") || s.hasSuffix("+0000"),
           let date = ISO8601DateFormatter().date(from: s.hasSuffix("+0000") ? String(s.dropLast(5)) + "Z" : s) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            if let y = c.year, let m = c.month, let d = c.day { return Day(year: y, month: m, day: d) }
        }
        if case .day(let d)? = DateParser.find(in: s), (1990 ... 2100).contains(d.components.year) { return d }
        let digits = s.prefix(8)
        if digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
           let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)), let d = Int(digits.suffix(2)),
           (1990 ... 2100).contains(y) {
            return Day(year: y, month: m, day: d)
        }
        return nil
    }
}

