import Foundation

/// Reads the items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, and turns each
/// into an extracted page.
///
/// What is read from an item:
///
/// | field    | RSS 2.0 and RSS 1.0                        | Atom                                     |
/// |----------|--------------------------------------------|------------------------------------------|
/// | headline | `title`                                    | `title`                                  |
/// | url      | `link`, else a `guid` that is an address   | `link` (rel `alternate` or none) `href`  |
/// | key      | `guid` (RSS 1.0: `rdf:about`), else url    | `id`, else url                           |
/// | date     | `pubDate`, else `dc:date`                  | `published`, else `updated`              |
/// | source   | `source`, else `dc:source`                 | `source/title`                           |
/// | author   | `author`, else `dc:creator`                | `author/name`, else `dc:creator`         |
/// | text     | `content:encoded`, else `description`      | `content`, else `summary`                |
///
/// HTML text (escaped or in CDATA) is cleaned by `HTMLExtractor.extractFragment`;
/// plain text is kept as it is, a paragraph a line. An item seen again in the
/// same feed (same key) replaces the earlier one: feeds that are appended to
/// carry every version of an updated story. The feed's own title is the source
/// of items that name none.
struct FeedReader {
    enum Kind: Equatable { case rss, rdf, atom }

    struct Item {
        /// Position in the feed, 1-based, counting every item (replaced ones too).
        var number: Int
        var title = ""
        var url: String?
        /// What identifies the item across versions: guid, Atom id or rdf:about.
        var key: String?
        var date: String?
        var source: String?
        var author: String?
        var content = ""
        var contentIsHTML = false
    }

    struct Feed {
        var kind: Kind
        /// The channel's (or Atom feed's) title: the source of items that name none.
        var title: String?
        /// The channel's own address: relative item links are resolved against it.
        var link: String?
        /// The items in document order, each key's last version only.
        var items: [Item]
    }

    enum Failure: Error, Equatable {
        case noElement
        case notAFeed(root: String)

        var message: String {
            switch self {
            case .noElement: "not an RSS or Atom feed: no XML element found"
            case let .notAFeed(root): "not an RSS or Atom feed: the root element is <\(root)>"
            }
        }
    }

    let extractor: HTMLExtractor

    /// The feed in `text` (decoded), or why it is none.
    ///
    /// - Complexity: O(elements + text) of the feed.
    static func parse(_ text: String) -> Result<Feed, Failure> {
        guard let tree = MarkupTree.xml(text), let root = tree.roots.lazy.compactMap(Self.element).first else {
            return .failure(.noElement)
        }
        let rootName = tree.elements[root].name
        let (prefix, local) = split(rootName)
        switch local.lowercased() {
        case "rss", "rdf":
            return .success(rss(tree, root: root, kind: local.lowercased() == "rss" ? .rss : .rdf))
        case "feed":
            return .success(atom(tree, root: root, prefix: prefix.isEmpty ? "" : prefix + ":"))
        default:
            return .failure(.notAFeed(root: rootName))
        }
    }

    /// `item` as a page: its headline, text, date, source and author.
    /// `path` (the feed's file) completes dates without a year.
    func page(_ item: Item, in feed: Feed, path: String, fileYear: Int?) -> PageExtractor.Extracted {
        var page: PageExtractor.Extracted
        if item.contentIsHTML {
            page = extractor.extractFragment(item.content, headline: item.title, path: path, fileYear: fileYear)
        } else {
            page = PageExtractor.Extracted()
            page.headline = item.title
            page.body = Self.paragraphs(item.content)
        }
        if let raw = item.date {
            if let day = Self.day(fromFeedDate: raw) {
                page.date = .day(day)
            } else if page.date == nil {
                page.warnings.append("unrecognized date \"\(raw)\"; article kept without a date")
            }
        }
        page.source = item.source ?? page.source ?? feed.title
        page.author = item.author ?? page.author
        // The feed is the site that published this copy.
        page.site = feed.title ?? page.site
        return page
    }

    /// The item's address made absolute against the channel's when it is relative.
    static func absolute(_ url: String?, base: String?) -> String? {
        guard let url, !url.isEmpty else { return nil }
        guard !url.contains("://"), let base, let baseURL = URL(string: base), baseURL.scheme != nil,
              let resolved = URL(string: url, relativeTo: baseURL)?.absoluteString
        else { return url }
        return resolved
    }

    // MARK: RSS

    private static func rss(_ tree: MarkupTree, root: Int, kind: Kind) -> Feed {
        var feed = Feed(kind: kind, title: nil, link: nil, items: [])
        var itemElements = [Int]()
        for child in children(tree, root) {
            switch tree.elements[child].name {
            case "channel":
                for c in children(tree, child) {
                    switch tree.elements[c].name {
                    case "title": feed.title = feed.title ?? nonEmpty(title(tree.text(of: c)))
                    case "link": feed.link = feed.link ?? nonEmpty(tree.text(of: c).trimmingSpaces)
                    case "item": itemElements.append(c)
                    default: break
                    }
                }
            case "item":
                itemElements.append(child)  // RSS 1.0 and some 0.9x feeds: items beside the channel
            default: break
            }
        }
        itemElements.sort()
        var items = [Item]()
        items.reserveCapacity(itemElements.count)
        for (i, element) in itemElements.enumerated() {
            items.append(rssItem(tree, element, number: i + 1, base: feed.link))
        }
        feed.items = lastVersions(items)
        return feed
    }

    private static func rssItem(_ tree: MarkupTree, _ element: Int, number: Int, base: String?) -> Item {
        var item = Item(number: number)
        var fields = [String: Int]()
        for c in children(tree, element) where fields[tree.elements[c].name] == nil {
            fields[tree.elements[c].name] = c
        }
        func text(_ name: String) -> String? { fields[name].flatMap { nonEmpty(tree.text(of: $0).trimmingSpaces) } }

        item.title = fields["title"].map { title(tree.text(of: $0)) } ?? ""
        let guid = text("guid")
        var link = text("link")
        if link == nil, let guid, fields["guid"].flatMap({ tree.elements[$0].attribute("isPermaLink") }) != "false",
           guid.hasPrefix("http://") || guid.hasPrefix("https://") {
            link = guid
        }
        item.url = absolute(link, base: base)
        item.key = guid ?? tree.elements[element].attribute("rdf:about").flatMap(nonEmpty) ?? item.url
        item.date = text("pubDate") ?? text("dc:date")
        item.source = text("source").map(line) ?? text("dc:source").flatMap { $0.contains("://") ? nil : line($0) }
        item.author = text("author").flatMap(author) ?? text("dc:creator").flatMap(author)
        let content = text("content:encoded") ?? text("description") ?? ""
        item.content = content
        item.contentIsHTML = looksLikeHTML(content)
        return item
    }

    // MARK: Atom

    private static func atom(_ tree: MarkupTree, root: Int, prefix p: String) -> Feed {
        var feed = Feed(kind: .atom, title: nil, link: nil, items: [])
        var entries = [Int]()
        for child in children(tree, root) {
            switch tree.elements[child].name {
            case p + "title": feed.title = feed.title ?? nonEmpty(title(atomText(tree, child).text))
            case p + "link": feed.link = feed.link ?? alternateLink(tree, child)
            case p + "entry": entries.append(child)
            default: break
            }
        }
        let items = entries.enumerated().map { i, entry in atomEntry(tree, entry, number: i + 1, prefix: p, base: feed.link) }
        feed.items = lastVersions(items)
        return feed
    }

    private static func atomEntry(_ tree: MarkupTree, _ element: Int, number: Int, prefix p: String, base: String?) -> Item {
        var item = Item(number: number)
        var fields = [String: Int]()
        var link: String?
        for c in children(tree, element) {
            let name = tree.elements[c].name
            if name == p + "link" {
                link = link ?? alternateLink(tree, c)
            } else if fields[name] == nil {
                fields[name] = c
            }
        }
        func text(_ name: String) -> String? { fields[name].flatMap { nonEmpty(tree.text(of: $0).trimmingSpaces) } }

        item.title = fields[p + "title"].map { title(atomText(tree, $0).text) } ?? ""
        item.url = absolute(link, base: base)
        item.key = text(p + "id") ?? item.url
        item.date = text(p + "published") ?? text(p + "updated") ?? text("dc:date")
        item.source = fields[p + "source"].flatMap { source in
            children(tree, source).first { tree.elements[$0].name == p + "title" }.flatMap { nonEmpty(line(tree.text(of: $0))) }
        }
        item.author = fields[p + "author"].flatMap { author in
            let name = children(tree, author).first { tree.elements[$0].name == p + "name" } ?? author
            return nonEmpty(tree.text(of: name).trimmingSpaces).flatMap(Self.author)
        } ?? text("dc:creator").flatMap(Self.author)
        for name in [p + "content", p + "summary"] {
            guard let c = fields[name], tree.elements[c].attribute("src") == nil else { continue }
            let (content, isHTML) = atomText(tree, c)
            guard !content.trimmingSpaces.isEmpty else { continue }
            item.content = content
            item.contentIsHTML = isHTML
            break
        }
        return item
    }

    /// An Atom text construct: `type="text"` is plain text, `html` escaped
    /// markup, `xhtml` markup as elements (written back out for the extractor).
    /// Without a type, markup is recognized by its look: feeds made by crawlers
    /// often leave the type out.
    private static func atomText(_ tree: MarkupTree, _ element: Int) -> (text: String, isHTML: Bool) {
        let type = tree.elements[element].attribute("type")?.lowercased() ?? ""
        if type.contains("xhtml") {
            return (markup(tree, children: tree.elements[element].children), true)
        }
        let text = tree.text(of: element)
        if type.contains("html") { return (text, true) }
        if type.isEmpty { return (text, looksLikeHTML(text)) }
        return (text, false)
    }

    /// The `href` of a `link` that points to the story itself (rel `alternate` or none).
    private static func alternateLink(_ tree: MarkupTree, _ element: Int) -> String? {
        let rel = tree.elements[element].attribute("rel")?.lowercased() ?? "alternate"
        guard rel == "alternate" else { return nil }
        return tree.elements[element].attribute("href").flatMap { nonEmpty($0.trimmingSpaces) }
    }

    /// Elements under `element` written out as HTML (XHTML content of an Atom entry).
    ///
    /// - Complexity: O(nodes under `element`).
    private static func markup(_ tree: MarkupTree, children: [MarkupTree.Node]) -> String {
        var out = ""
        var stack: [(MarkupTree.Node, Bool)] = children.reversed().map { ($0, false) }
        while let (node, closing) = stack.popLast() {
            switch node {
            case .text(let t):
                out += escape(t, quotes: false)
            case .element(let e):
                let name = split(tree.elements[e].name).local
                if closing {
                    out += "</" + name + ">"
                    continue
                }
                out += "<" + name
                for (key, value) in tree.elements[e].attributes where !key.contains(":") {
                    out += " " + key + "=\"" + escape(value, quotes: true) + "\""
                }
                out += ">"
                stack.append((node, true))
                stack += tree.elements[e].children.reversed().map { ($0, false) }
            }
        }
        return out
    }

    // MARK: Fields

    /// Keeps the last version of each keyed item, in document order.
    ///
    /// - Complexity: O(items).
    private static func lastVersions(_ items: [Item]) -> [Item] {
        var last = [String: Int]()
        for (i, item) in items.enumerated() {
            if let key = item.key { last[key] = i }
        }
        guard last.count < items.count else { return items }
        return items.enumerated().filter { i, item in item.key.map { last[$0] == i } ?? true }.map(\.element)
    }

    /// A headline: markup and entities left in it (double-escaped feeds) removed, white space collapsed.
    static func title(_ raw: String) -> String {
        guard looksLikeHTML(raw), let tree = MarkupTree.html("<html><body><p>" + raw + "</p></body></html>") else {
            return line(raw)
        }
        return line(tree.roots.lazy.compactMap(element).map { tree.text(of: $0) }.joined())
    }

    /// `lawyer@example.com (王明)` → `王明`; a bare e-mail address names no one.
    static func author(_ raw: String) -> String? {
        var s = line(raw)
        if let open = s.firstIndex(of: "("), let close = s.lastIndex(of: ")"), open < close, s[..<open].contains("@") {
            s = s[s.index(after: open) ..< close].trimmingSpaces
        }
        return s.isEmpty || s.contains("@") && !s.contains(" ") ? nil : s
    }

    /// Plain text as paragraphs: one a line, blank lines and indentation gone.
    static func paragraphs(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\u{2029}" })
            .map(\.trimmingSpaces).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Whether text holds markup: a tag (`<p`, `</`, `<!--`) or an entity (`&nbsp;`, `&#34;`).
    static func looksLikeHTML(_ text: String) -> Bool {
        let u = Array(text.utf8)
        var i = 0
        while i + 1 < u.count {
            let c = u[i], next = u[i + 1]
            if c == UInt8(ascii: "<"), isASCIILetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") {
                return true
            }
            if c == UInt8(ascii: "&") {
                var j = i + 1
                if u[j] == UInt8(ascii: "#") { j += 1 }
                let start = j
                while j < u.count, j - start < 10, isASCIILetter(u[j]) || (u[j] >= 0x30 && u[j] <= 0x39) { j += 1 }
                if j > start, j < u.count, u[j] == UInt8(ascii: ";") { return true }
            }
            i += 1
        }
        return false
    }

    // MARK: Dates

    /// An RSS date (RFC 822: `Tue, 10 Jun 2025 04:00:00 GMT`, `… +0800`) or an
    /// ISO 8601 one (Atom, `dc:date`), as a day in China's time zone. A time
    /// without a zone is taken as the feed's own clock.
    static func day(fromFeedDate raw: String) -> Day? {
        rfc822Day(raw) ?? HTMLExtractor.day(fromMachineDate: raw)
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Offsets of the zone names RFC 822 allows, in minutes. `CST` is read as
    /// China Standard Time, not US Central: Chinese feeds write it so (it is
    /// what Java prints for Asia/Shanghai).
    static let zones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": 480, "CDT": -300,
        "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    ]

    /// `[Tue,] 10 Jun 2025 [04:00[:00] [GMT|+0800]]`; nil when `raw` is not of that shape.
    static func rfc822Day(_ raw: String) -> Day? {
        var tokens = raw.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        if let first = tokens.first, first.allSatisfy(\.isLetter), monthNumber(first) == nil { tokens.removeFirst() }
        guard tokens.count >= 3, let d = Int(tokens[0]), let month = monthNumber(tokens[1]),
              tokens[2].count == 2 || tokens[2].count == 4, let year = Int(tokens[2]),
              let date = Day(year: year < 100 ? (year < 50 ? 2000 + year : 1900 + year) : year, month: month, day: d)
        else { return nil }
        guard tokens.count >= 4 else { return date }
        let clock = tokens[3].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, clock.count <= 3, !clock.contains(nil),
              let hour = clock[0], let minute = clock[1], (0 ..< 24).contains(hour), (0 ..< 60).contains(minute)
        else { return date }
        guard tokens.count >= 5, let offset = zoneOffset(tokens[4]) else { return date }
        let minutes = Int(date.number) * 1440 + hour * 60 + minute - offset + 480
        return Day(number: Int32((minutes - (minutes < 0 ? 1439 : 0)) / 1440))
    }

    private static func monthNumber(_ token: String) -> Int? {
        guard token.count >= 3, token.allSatisfy(\.isLetter) else { return nil }
        return months.firstIndex(of: token.prefix(3).lowercased()).map { $0 + 1 }
    }

    /// `+0800`, `-05:00`, `GMT`, `GMT+8`: minutes east of UTC.
    private static func zoneOffset(_ token: String) -> Int? {
        var t = token.uppercased()
        if let named = zones[t] { return named }
        for name in ["GMT", "UTC", "UT"] where t.hasPrefix(name) {
            t.removeFirst(name.count)
            break
        }
        guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
        let digits = t.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let minutes = digits.count <= 2 ? value * 60 : value / 100 * 60 + value % 100
        guard minutes <= 14 * 60 else { return nil }
        return sign == "-" ? -minutes : minutes
    }

    // MARK: Helpers

    private static func element(_ node: MarkupTree.Node) -> Int? {
        if case .element(let e) = node { return e }
        return nil
    }

    private static func children(_ tree: MarkupTree, _ element: Int) -> [Int] {
        tree.elements[element].children.compactMap(Self.element)
    }

    /// `prefix:local` → (`prefix`, `local`); no prefix → (``, name).
    private static func split(_ name: String) -> (prefix: String, local: String) {
        guard let colon = name.lastIndex(of: ":") else { return ("", name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    /// White space runs (new lines included) as one space, trimmed.
    private static func line(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
