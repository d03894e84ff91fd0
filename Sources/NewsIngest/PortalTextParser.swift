import NewsText

/// Reads an article saved from a Chinese news portal as plain text: headline
/// first, a source/date line, body paragraphs, then portal junk (copyright
/// notice, navigation, filing numbers) that is dropped.
///
///     淄博高新區:精準招商 提著“籃子”選“好菜”
///     中國產業經濟信息網   時間:2024-03-19
///       2月27日,淄博高新區與……
///       ……(記者 徐勐)
///       轉自:淄博日報
///       【版權及免責聲明】……          ← the body ends here
///     延伸閱讀 / 熱點視頻 / ? / 京ICP備…
///
/// Markers are matched on normalized text, so Traditional and full-width
/// variants are recognized; extracted values keep the file's own characters.
public struct PortalTextParser: Sendable {
    let table: CharacterTable

    public init(table: CharacterTable) { self.table = table }

    /// Longest line taken as a headline; a longer first line is body text.
    static let maxHeadline = 150
    static let footerStarts = ["【版权", "【免责", "版权声明", "免责声明", "版权及免责声明", "延伸阅读", "热点视频", "热点新闻",
                               "热点舆情", "相关新闻", "相关阅读", "相关文章", "推荐阅读", "责任编辑", "版权所有", "返回顶部", "copyright"]
    static let junkLines: Set<String> = ["?", "？", "分享到", "【打印】", "【关闭】", "打印", "关闭窗口", "更多"]
    static let sourceLabels = ["来源", "来自", "稿源", "出处", "转自", "转载自"]
    static let dateLabels = ["发布时间", "发布日期", "更新时间", "时间", "日期", "发表时间"]
    static let personLabels = ["作者", "记者", "编辑", "责任编辑", "责编"]
    nonisolated(unsafe) static let reprint = #/^(?:转自|转载自|转载于|来源|稿源)\s*[:：]\s*(.{1,40})$/#
    nonisolated(unsafe) static let reporter = #/[（(]\s*记者\s*([^）)]{1,40})[）)]/#

    public struct Parsed: Sendable {
        public var headline: String
        public var body: String
        public var date: DateParser.Match?
        public var source: String?
        public var reprintOrigin: String?
        public var author: String?
    }

    /// Parses cleaned text (pinyin debris already removed). `path` supplies a
    /// year for dates written without one, and a date when the text has none.
    public func parse(_ text: String, path: String) -> Parsed {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { Self.trim($0) }
            .filter { !$0.isEmpty }
        var parsed = Parsed(headline: "", body: "")
        guard !lines.isEmpty else { return parsed }
        var next = 0
        if lines[0].count <= Self.maxHeadline { parsed.headline = lines[0]; next = 1 }

        let contextYear = DateParser.year(in: path)
        var bodyStart = next
        for k in next ..< min(lines.count, next + 3) where isMetaLine(lines[k]) {
            readMeta(lines[k], contextYear: contextYear, into: &parsed)
            bodyStart = k + 1
            // Lines between the headline and the meta line are a subtitle: keep them in the body.
            var body = Array(lines[next ..< k])
            body += Array(lines[(k + 1)...])
            return finish(body, &parsed, path: path, contextYear: contextYear)
        }
        return finish(Array(lines[bodyStart...]), &parsed, path: path, contextYear: contextYear)
    }

    private func finish(_ lines: [String], _ parsed: inout Parsed, path: String, contextYear: Int?) -> Parsed {
        var body = [String]()
        for line in lines {
            // Junk, footer and reprint lines are short; long lines are body text.
            guard line.utf8.count <= 600 else { body.append(line); continue }
            let n = table.normalize(line)
            if Self.footerStarts.contains(where: { n.hasPrefix(table.normalize($0)) }) && !body.isEmpty { break }
            if n.contains("icp备") || n.contains("公网安备") || Self.junkLines.contains(n) { continue }
            if !body.isEmpty, let m = n.wholeMatch(of: Self.reprint) {
                parsed.reprintOrigin = original(line, normalized: n, range: m.1.startIndex ..< m.1.endIndex).trimmingSpaces
                continue
            }
            body.append(line)
        }
        for paragraph in body.suffix(3).reversed() where parsed.author == nil {
            let n = table.normalize(paragraph)
            if let m = n.firstMatch(of: Self.reporter) {
                let names = original(paragraph, normalized: n, range: m.1.startIndex ..< m.1.endIndex)
                parsed.author = names.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" })
                    .prefix { !["通讯员", "实习生", "摄影", "编辑"].contains(table.normalize(String($0))) }
                    .joined(separator: " ")
            }
        }
        if parsed.date == nil, let year = contextYear, let m = DateParser.find(in: path), case .day(let d) = m,
           d.components.year == year {
            parsed.date = m
        }
        parsed.body = body.joined(separator: "\n")
        return parsed
    }

    /// A line that carries the source and/or the date rather than body text.
    func isMetaLine(_ line: String) -> Bool {
        guard line.count <= 120 else { return false }
        let n = table.normalize(line)
        let labels = Self.sourceLabels + Self.dateLabels + Self.personLabels
        if labels.contains(where: { n.contains($0 + ":") || n.contains($0 + "：") }) { return true }
        guard case .some = DateParser.find(in: n) else { return false }
        return n.count <= 60  // a date in a short line: "大众日报 2023年5月8日"
    }

    private func readMeta(_ line: String, contextYear: Int?, into parsed: inout Parsed) {
        let n = table.normalize(line)
        parsed.date = DateParser.find(in: n, contextYear: contextYear)
        var labelled: String? = nil
        var plain: String? = nil
        let pieces = line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "|" }).map(String.init)
        var i = 0
        while i < pieces.count {
            let piece = pieces[i]
            let np = table.normalize(piece)
            i += 1
            if let label = Self.sourceLabels.first(where: { np.hasPrefix($0 + ":") || np.hasPrefix($0 + "：") }) {
                var value = String(piece.dropFirst(label.count + 1))
                if value.isEmpty, i < pieces.count { value = pieces[i]; i += 1 }
                labelled = labelled ?? Self.stripDate(value, table)
                continue
            }
            if Self.personLabels.contains(np) || np == "编译" {
                // A byline: "記者 林佩君／綜合報導".
                if i < pieces.count { parsed.author = parsed.author ?? Self.bylineName(pieces[i]); i += 1 }
                continue
            }
            if np.contains("/") && ["报导", "报道", "外电", "编译"].contains(where: { np.contains($0) }) {
                parsed.author = parsed.author ?? Self.bylineName(piece)  // "林佩君／綜合報導"
                continue
            }
            if let label = Self.personLabels.first(where: { np.hasPrefix($0 + ":") || np.hasPrefix($0 + "：") }) {
                let value = String(piece.dropFirst(label.count + 1))
                if !value.isEmpty { parsed.author = parsed.author ?? Self.bylineName(value) }
                continue
            }
            if (Self.dateLabels + Self.personLabels).contains(where: { np.hasPrefix($0) }) { continue }
            if DateParser.find(in: np, contextYear: contextYear) != nil || np.allSatisfy({ $0.isNumber || ":-/.".contains($0) }) { continue }
            if plain == nil { plain = piece }
        }
        let source = (labelled ?? plain).map { $0.trimmingSpaces }
        parsed.source = source?.isEmpty == false ? source : nil
    }

    /// The name in a byline piece: "林佩君／綜合報導" → "林佩君".
    static func bylineName(_ piece: String) -> String? {
        let name = piece.split(whereSeparator: { $0 == "/" || $0 == "／" }).first.map(String.init) ?? piece
        return name.isEmpty ? nil : name
    }

    /// A source value without a date glued to it ("大众日报2023年5月8日" → "大众日报").
    static func stripDate(_ value: String, _ table: CharacterTable) -> String {
        let n = table.normalize(value)
        for pattern in [DateParser.numeric, DateParser.chinese] {
            if let m = n.firstMatch(of: pattern) {
                let cut = n.distance(from: n.startIndex, to: m.1.startIndex)
                return String(value.prefix(cut))
            }
        }
        return value
    }

    /// The part of `line` under `range` of its normalization (same characters
    /// one for one in the usual case; otherwise the normalized part).
    private func original(_ line: String, normalized n: String, range: Range<String.Index>) -> String {
        guard line.count == n.count else { return String(n[range]) }
        let start = n.distance(from: n.startIndex, to: range.lowerBound)
        let length = n.distance(from: range.lowerBound, to: range.upperBound)
        let s = line.index(line.startIndex, offsetBy: start)
        return String(line[s ..< line.index(s, offsetBy: length)])
    }

    static func trim(_ s: Substring) -> String { s.trimmingSpaces }
}

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
