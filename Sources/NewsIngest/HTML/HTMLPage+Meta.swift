import Foundation

/// What a page states about itself for machines: `<title>`, meta tags
/// (Open Graph, article:*, publishdate, source …), JSON-LD and `<time>`.
struct PageMetadata {
    var title: String?
    var ogTitle: String?
    /// The first machine-readable publication date, as written.
    var date: String?
    var source: String?
    var author: String?
    var description: String?
    var url: String?
    /// When the page last changed, as written.
    var modified: String?
    /// A publication date found in a script's data (`"publishDate": "2019-09-07T05:51:23Z"`):
    /// weaker than a visible date, since a script may list other articles too.
    var scriptDate: String?
    /// A WeChat account's name: the publisher of a 公众号 article.
    var account: String?
}

extension Page {
    static let dateKeys = [
        "article:published_time", "og:article:published_time", "og:release_date", "og:published_time", "publishdate",
        "pubdate", "publish_date", "publishtime", "publish-date", "weibo: article:create_at", "weibo:article:create_at",
        "firstpublishedtime", "datepublished", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
        "article:published", "sailthru.date", "parsely-pub-date", "date",
    ]
    /// Dates of the last change: a year for a visible month-day, or the date when nothing else gives one.
    static let modifiedKeys = ["dateupdate", "datemodified", "article:modified_time", "og:updated_time", "lastmodified", "last-modified"]
    static let scriptDateKeys = ["\"publishDate", "\"datePublished", "\"pubDate", "\"publishTime", "\"publish_time", "\"pubtime"]
    static let sourceKeys = ["source", "contentsource", "article:source", "og:article:source", "mediaid", "og:site_name:source"]
    static let authorKeys = ["author", "og:article:author", "article:author", "byl"]

    func metadata() -> PageMetadata {
        var meta = PageMetadata()
        var values = [String: String]()
        for (i, e) in tree.elements.enumerated() {
            switch e.name {
            case "meta":
                guard let key = (e.attribute("property") ?? e.attribute("name") ?? e.attribute("itemprop"))?.lowercased(),
                      let content = e.attribute("content")?.trimmingSpaces, !content.isEmpty, values[key] == nil else { continue }
                values[key] = content
            case "title" where meta.title == nil && e.parent >= 0 && tree.elements[e.parent].name == "head":
                meta.title = Self.collapse(tree.text(of: i))
            case "title" where meta.title == nil:
                meta.title = Self.collapse(tree.text(of: i))
            case "link" where meta.url == nil && e.attribute("rel")?.lowercased() == "canonical":
                meta.url = e.attribute("href")
            case "script" where e.attribute("type")?.lowercased() == "application/ld+json":
                readJSONLD(tree.text(of: i), into: &meta)
            case "script" where meta.date == nil && e.attribute("src") == nil:
                // A WeChat article states its creation time only to its script: `var ct = "1581517074";`.
                let code = tree.text(of: i)
                if meta.scriptDate == nil {
                    for key in Self.scriptDateKeys where code.includes(key) {
                        if let r = code.range(of: key + #""\s*:\s*"\d{4}-\d{2}-\d{2}[^"]{0,30}""#, options: .regularExpression) {
                            meta.scriptDate = String(code[r].dropFirst(key.count + 1).drop { $0 != "\"" }.dropFirst().dropLast())
                            break
                        }
                    }
                }
                if code.includes("var ct"), let r = code.range(of: #"var ct\s*=\s*"(\d{9,10})""#, options: .regularExpression) {
                    let digits = code[r].filter(\.isNumber)
                    if let seconds = Double(digits) {
                        meta.date = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
                    }
                }
            case "time" where meta.date == nil && !skipped[i]:
                if let d = e.attribute("datetime"), e.attribute("pubdate") != nil || e.attribute("itemprop") == "datePublished" {
                    meta.date = d
                }
            default:
                if meta.date == nil, e.attribute("itemprop") == "datePublished",
                   let d = e.attribute("content") ?? e.attribute("datetime") {
                    meta.date = d
                }
            }
        }
        if let name = tree.elements.indices.first(where: { tree.elements[$0].attribute("id") == "js_name" }) {
            meta.account = Self.collapse(tree.text(of: name))
        }
        meta.modified = Self.modifiedKeys.lazy.compactMap { values[$0] }.first
        meta.ogTitle = values["og:title"] ?? values["twitter:title"] ?? meta.ogTitle
        if meta.date == nil { meta.date = Self.dateKeys.lazy.compactMap { values[$0] }.first }
        meta.source = meta.source ?? Self.sourceKeys.lazy.compactMap { values[$0] }.first
        meta.author = meta.author ?? Self.authorKeys.lazy.compactMap { values[$0] }.first
        meta.description = values["description"] ?? values["og:description"]
        meta.url = meta.url ?? values["og:url"]
        return meta
    }

    /// `headline`, `datePublished`, `author`, `publisher` of a JSON-LD article
    /// (alone, in a list, or in an `@graph`).
    private func readJSONLD(_ text: String, into meta: inout PageMetadata) {
        guard let data = text.data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        var objects = [[String: Any]]()
        func collect(_ value: Any) {
            if let list = value as? [Any] { list.forEach(collect) }
            if let object = value as? [String: Any] {
                objects.append(object)
                if let graph = object["@graph"] { collect(graph) }
            }
        }
        collect(json)
        func name(_ value: Any?) -> String? {
            if let s = value as? String { return s }
            if let o = value as? [String: Any] { return o["name"] as? String }
            if let list = value as? [Any] { return list.lazy.compactMap { name($0) }.first }
            return nil
        }
        for object in objects {
            let type = name(object["@type"]) ?? ""
            guard type.hasSuffix("Article") || type == "BlogPosting" || type == "NewsArticle" else { continue }
            if meta.ogTitle == nil, let h = object["headline"] as? String { meta.ogTitle = h }
            if meta.date == nil, let d = (object["datePublished"] ?? object["dateCreated"]) as? String { meta.date = d }
            if meta.author == nil, let a = name(object["author"]) { meta.author = a }
            if meta.source == nil, let p = name(object["publisher"]) { meta.source = p }
        }
    }

    /// White space runs as one space, trimmed.
    static func collapse(_ text: String) -> String {
        var r = Renderer()
        r.append(text)
        r.breakLine()
        return r.lines.first ?? ""
    }

    /// `<title>` without the site's name: `标题_网易新闻`, `标题 - 新浪财经`,
    /// `标题|界面新闻`, `标题_滚动新闻_中国网`.
    static func titleWithoutSite(_ title: String) -> String {
        var t = title.trimmingSpaces
        let separators = ["_", "|", "｜", " - ", " – ", " — ", "——", "--", "-", "－", "—"]
        var changed = true
        while changed {
            changed = false
            for sep in separators {
                guard let r = t.range(of: sep, options: .backwards) else { continue }
                // "2019-2020年…" is a range, not a site's name.
                if sep.count == 1, r.lowerBound > t.startIndex, t[t.index(before: r.lowerBound)].isNumber
                    || r.upperBound < t.endIndex && t[r.upperBound].isNumber { continue }
                let head = t[..<r.lowerBound].trimmingSpaces
                let tail = t[r.upperBound...].trimmingSpaces
                if tail.count <= 16 && head.count >= 4 {
                    t = head
                    changed = true
                    break
                }
            }
        }
        return t
    }

    /// The page's headline and the element that shows it: an `<h1>` that the
    /// title repeats; else the longest element before the article that the
    /// title contains; else `og:title`/JSON-LD; else the title without the site.
    func headline(meta: PageMetadata, before block: Int?) -> (text: String, element: Int?) {
        let title = meta.title.map(Self.titleWithoutSite) ?? ""
        let references = [meta.title ?? "", meta.ogTitle ?? ""].map(Self.key).filter { $0.count >= 4 }
        // An element the title repeats whole, else the longest one the title contains, else the
        // shortest that contains the title (a headline followed by a date): before the article's
        // first paragraph.
        let limit = block.map { subtreeEnd($0) } ?? tree.elements.count
        var best: (text: String, element: Int, rank: Int)?
        let wanted = max(4, Self.key(title).count / 2)
        let longest = min(120, (references.map(\.count).max() ?? 0) + 8)
        // A headline starts with a character of the title: a cheap test before the text is gathered.
        let titleScalars = Set(references.flatMap { $0.unicodeScalars } + Self.key(title).unicodeScalars)
        for i in 0 ..< limit where !skipped[i] && chars[i] >= wanted && chars[i] <= longest && linkChars[i] < chars[i] {
            let name = tree.elements[i].name
            guard name != "a", name != "body", name != "html" else { continue }
            if let first = firstCharacter(of: i), !titleScalars.contains(first) { continue }
            let text = Self.collapse(tree.text(of: i))
            let key = Self.key(text)
            guard key.count >= 4 else { continue }
            var rank = 0
            if references.contains(key) || key == Self.key(title) {
                rank = 3000 + (name == "h1" ? 1 : 0)
            } else if references.contains(where: { $0.includes(key) }) {
                rank = 2000 + key.count
            } else if references.contains(where: { key.count <= $0.count + 6 && key.includes($0) }) {
                rank = 1000 - key.count
            }
            if rank > 0 && (best == nil || rank > best!.rank) { best = (text, i, rank) }
        }
        if let best { return (best.text, best.element) }
        if let og = meta.ogTitle.map(Self.titleWithoutSite), !og.isEmpty { return (og, nil) }
        if !title.isEmpty { return (title, nil) }
        if let h1 = tree.elements.indices.first(where: { tree.elements[$0].name == "h1" && !skipped[$0] && chars[$0] > 0 }) {
            return (Self.collapse(tree.text(of: h1)), h1)
        }
        return ("", nil)
    }

    /// The first non-space character of the text under `element`, lowercased.
    func firstCharacter(of element: Int) -> Unicode.Scalar? {
        var stack: [(Int, Int)] = [(element, 0)]
        while let (e, i) = stack.last {
            let children = tree.elements[e].children
            guard i < children.count else { stack.removeLast(); continue }
            stack[stack.count - 1].1 += 1
            switch children[i] {
            case .text(let t):
                if let s = t.unicodeScalars.first(where: { !($0.value <= 0x20 || $0.value == 0xA0 || $0.value == 0x3000) }) {
                    if s == "\"" || s == "“" || s == "”" { return nil }
                    return s.properties.isUppercase ? String(s).lowercased().unicodeScalars.first : s
                }
            case .element(let k):
                if !skipped[k] { stack.append((k, 0)) }
            }
        }
        return nil
    }

    /// Text compared without white space, quotes and case: `H1 "Title"` ~ `h1title`.
    static func key(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            !($0.value <= 0x20 || $0.value == 0xA0 || $0.value == 0x3000 || $0 == "\"" || $0 == "“" || $0 == "”")
        }))
    }
}
