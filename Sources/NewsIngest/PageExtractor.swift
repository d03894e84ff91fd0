import Glibc
import NewsText

/// Finds the article in a news page saved as text: the headline, the date,
/// source and author, and the article's paragraphs, without the page around it
/// (navigation, widgets, related links, credits, captions, copyright, spam).
///
///     首页 > 财经 > 正文                       navigation
///     淄博高新區:精準招商 提著“籃子”選“好菜”     headline: the heading above the meta line
///     中國產業經濟信息網   時間:2024-03-19       meta: date, source
///     分享到: 微信 微博  【打印】               widget
///       2月27日,淄博高新區與……                 the article: the page's main block of prose
///       ……(記者 徐勐)                         trailing credit: author, dropped
///       轉自:淄博日報                          reprint origin, dropped
///     相關新聞 / 【版權及免責聲明】 / 京ICP備…    footer: the article ended before it
///
/// It works in three steps. Each line gets a kind from what it is alone
/// (`LineClassifier`). The article is the block of prose between hard lines
/// (navigation, widgets, meta lines, footers) that holds the most text; it
/// begins at the block's first paragraph and ends at the first footer, end
/// mark or editor's credit after it. The headline is the heading just above
/// the last meta line before the article, or, without one, the heading just
/// above the article. Lines that repeat across many pages of one site
/// (`SiteFurniture`) are furniture wherever they stand.
///
/// Markers are matched on normalized text, so Traditional and full-width
/// variants are recognized; extracted values keep the page's own characters.
public struct PageExtractor: Sendable {
    let table: CharacterTable
    let classifier: LineClassifier

    public init(table: CharacterTable) {
        self.table = table
        classifier = LineClassifier(table: table)
    }

    public struct Extracted: Sendable {
        public var headline = ""
        public var body = ""
        public var date: DateParser.Match?
        public var source: String?
        public var reprintOrigin: String?
        public var author: String?
        /// The publishing site named on the date line, when the page names one.
        public var site: String?
        /// Problems worth telling the user (the file is kept).
        public var warnings: [String] = []
    }

    /// The article in `text` (cleaned of pinyin debris). `path` supplies a year
    /// for dates written without one (else another date on the page, else
    /// `fileYear`), and a date when the page shows none.
    ///
    /// - Complexity: O(lines × line length).
    public func extract(_ text: String, path: String, fileYear: Int? = nil, furniture: SiteFurniture? = nil) -> Extracted {
        var lines = split(text)
        if let furniture {
            for i in lines.indices where [.heading, .prose, .noise, .caption].contains(lines[i].kind) && furniture.contains(lines[i].text) {
                lines[i].kind = .furniture
            }
        }
        guard !lines.isEmpty else { return Extracted() }
        let contextYear = DateParser.year(in: path) ?? pageYear(lines) ?? fileYear
        let start = articleStart(lines)
        let headlineIndex = start.map { headline(in: lines, before: $0) } ?? nil
        var title = headlineIndex.map { Self.cleanHeadline(lines[$0].text) } ?? ""
        if let h = headlineIndex { title = withoutPlatformName(title, lines: lines, headline: h) }
        if title.isEmpty, let original = originalTitle(lines, before: start ?? lines.count),
           !lines.contains(where: { $0.compact.hasBytePrefix("(原标题") }) {
            title = original
        }
        return assemble(lines, start: start, headline: title, headlineIndex: headlineIndex, contextYear: contextYear, path: path)
    }

    /// The article of a page whose parts are known (a web page's headline, the
    /// lines between it and the article, and the article's element): the
    /// article begins at the first paragraph or heading of `article` that is
    /// not the headline, a date/source line, a caption or a widget, and ends,
    /// as on text pages, at the first footer, end mark or editor's credit.
    ///
    /// `headlineIsGuess`: the headline came from the title, not from an element of
    /// the page; a heading just above the date/source line in `header` wins over
    /// it. `trailer`, the lines after the article, is read only for a source
    /// named at the bottom (`来源：…`).
    public func extract(headline: String, headlineIsGuess: Bool = false, header: [String], article: [String], trailer: [String] = [],
                        path: String, fileYear: Int? = nil) -> Extracted {
        let top = split(header.joined(separator: "\n"))
        let body = split(article.joined(separator: "\n"))
        let lines = top + body
        guard !lines.isEmpty else { return Extracted() }
        let contextYear = DateParser.year(in: path) ?? pageYear(lines) ?? fileYear
        var title = headline
        if headlineIsGuess, let h = self.headline(in: top, before: top.count), top[(h + 1)...].contains(where: { $0.kind == .meta }) {
            title = Self.cleanHeadline(top[h].text)
        }
        let headlineKey = table.normalize(title).withoutSpaces
        var start: Int? = nil
        for (i, line) in body.enumerated() {
            if line.isHard && line.kind != .meta { break }
            guard line.kind == .prose || line.kind == .heading else { continue }
            // The headline, whole or broken over lines, is not the article.
            if line.kind == .heading && line.length >= 4 && headlineKey.contains(line.compact) || line.compact == headlineKey { continue }
            start = top.count + i
            break
        }
        // A page-sized element: its first paragraph is where its main block of prose begins.
        if let fromBlocks = articleStart(body).map({ top.count + $0 }), start == nil || fromBlocks > start!,
           start == nil || lines[start! ..< fromBlocks].contains(where: { $0.isHard && $0.kind != .meta }) {
            start = fromBlocks
        }
        var result = assemble(lines, start: start, headline: title, headlineIndex: nil, contextYear: contextYear, path: path)
        if result.source == nil {
            var meta = MetaReader(table: table, classifier: classifier, contextYear: contextYear)
            for line in split(trailer.joined(separator: "\n")) where line.kind == .meta || line.kind == .footer {
                meta.read(bottomLine: line.text, normalized: line.normalized)
                if meta.source != nil { break }
            }
            result.source = meta.source.map(Self.balanced)
        }
        return result
    }

    func assemble(_ lines: [PageLine], start: Int?, headline: String, headlineIndex: Int?, contextYear: Int?, path: String) -> Extracted {
        var result = Extracted()
        result.headline = headline
        var meta = MetaReader(table: table, classifier: classifier, contextYear: contextYear)
        // Meta lines above the article, the one nearest below the headline first.
        let preamble = 0 ..< (start ?? 0)
        let metaOrder = preamble.filter { lines[$0].kind == .meta && $0 > (headlineIndex ?? -1) }
            + preamble.filter { lines[$0].kind == .meta && $0 <= (headlineIndex ?? -1) }.reversed()
        for i in metaOrder { meta.read(metaLine: lines[i].text, normalized: lines[i].normalized) }
        for i in preamble where lines[i].kind == .credit || lines[i].kind == .navigation && lines[i].length <= 30 {
            meta.readCredit(lines[i].text, normalized: lines[i].normalized)
        }

        var body = [String]()
        if let start {
            body = articleLines(lines, from: start, headline: result.headline, meta: &meta)
        }
        body = meta.stripTrailingCredits(body)
        // Page furniture or a credit glued after the last sentence: "。 展开详细", "。郭成辉 摄".
        if let last = body.last.map({ String($0.suffix(16)) }), let m = Self.tailAfterSentence(last) {
            let tail = String(m.1).trimmingSpaces
            let c = table.normalize(tail).withoutSpaces
            let spaced = !m.0.isEmpty
            let isName = spaced && c.count >= 2 && c.count <= 4 && c.unicodeScalars.allSatisfy { PageLine.isHan($0.value) }
            if c.contains(where: \.isLetter) && (classifier.isWidget(c) || c.hasByteSuffix("摄") || isName) {
                if isName { meta.author = meta.author ?? tail }
                body[body.count - 1] = String(body[body.count - 1].dropLast(last.distance(from: m.0.startIndex, to: last.endIndex)))
            }
        }
        // A reporter's name alone on the last line: "张紫祎".
        while let last = body.last, last.utf8.count <= 16, last.count <= 4, last.count >= 2, last.unicodeScalars.allSatisfy({ PageLine.isHan($0.value) }), body.count > 1 {
            meta.author = meta.author ?? last
            body.removeLast()
        }
        // A column's name before the first sentence: "快評/據大陸…".
        if let first = body.first, let end = Self.columnLabelEnd(first), first.count > first.distance(from: first.startIndex, to: end) + 10 {
            body[0] = String(first[end...])
        }
        if let first = body.first { meta.readLead(first) }

        if !safetyCheck(lines, body: body, headline: result.headline) {
            result.warnings.append("most of the page's text looked like page furniture; kept all of it")
            body = lines.filter { $0.baseKind == .prose || $0.baseKind == .heading }.map(\.text).filter { $0 != result.headline }
        }

        result.body = body.joined(separator: "\n")
        result.date = meta.date
        // A year outside 1950–2100 is a misread number, not a date.
        if case .day(let d)? = result.date, !(1950 ... 2100).contains(d.components.year) { result.date = nil }
        if result.date == nil, let line = lines[..<(start ?? 0)].first(where: { $0.kind == .navigation && $0.length <= 40 }),
           case .day(let d)? = DateParser.find(in: line.normalized) {
            result.date = .day(d)  // an e-paper's issue date: "当前报章2020年04月11日"
        }
        if result.date == nil, let year = DateParser.year(in: path), let m = DateParser.find(in: path), case .day(let d) = m,
           d.components.year == year {
            result.date = m
        }
        result.source = meta.source.map(Self.balanced)
        result.reprintOrigin = meta.reprintOrigin
        result.author = meta.author
        result.site = meta.site
        return result
    }

    /// Each line of the page with the kind the classifier gave it, for
    /// `news-index parse --explain`.
    public func explain(_ text: String) -> [(kind: String, text: String)] {
        split(text).map { ("\($0.kind)", $0.text) }
    }

    // MARK: Lines

    /// The lines of `text`, split at LF, CR, CRLF and U+2028 on the UTF-8 (not by
    /// grapheme, which costs ten times more).
    static func lines(_ text: String) -> [Substring] {
        var text = text
        let bounds: [(Int, Int)] = text.withUTF8 { u in
            guard let base = u.baseAddress else { return [] }
            // Where lines end (offset, width), each kind found with memchr, which reads many bytes a step.
            func find(_ byte: UInt8, width: Int, _ matches: (Int) -> Bool) -> [(Int, Int)] {
                var found = [(Int, Int)]()
                found.reserveCapacity(32)
                var i = 0
                while i < u.count, let p = memchr(base + i, Int32(byte), u.count - i) {
                    let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
                    if matches(at) { found.append((at, width)) }
                    i = at + 1
                }
                return found
            }
            var ends = find(0x0A, width: 1) { _ in true }
            let others = find(0x0D, width: 1) { _ in true }
                + find(0xE2, width: 3) { at in at + 2 < u.count && base[at + 1] == 0x80 && base[at + 2] == 0xA8 }
            if !others.isEmpty { ends = (ends + others).sorted { $0.0 < $1.0 } }
            var bounds = [(Int, Int)]()
            bounds.reserveCapacity(ends.count + 1)
            var start = 0
            for (at, width) in ends {
                if start != at { bounds.append((start, at)) }
                start = at + width
            }
            if start != u.count { bounds.append((start, u.count)) }
            return bounds
        }
        let u = text.utf8
        return bounds.map { text[u.index(u.startIndex, offsetBy: $0.0) ..< u.index(u.startIndex, offsetBy: $0.1)] }
    }

    /// The longest tag or deck label, in bytes.
    static let longestLabelBytes = (PageVocabulary.tagLabels + PageVocabulary.deckLabels).map(\.utf8.count).max() ?? 0

    static func mayStartWithDate(_ c: String) -> Bool {
        guard let f = c.utf8.first else { return false }
        return f >= 0x30 && f <= 0x39 || c.hasBytePrefix("date") || c.hasBytePrefix("time") || c.hasBytePrefix("日期") || c.hasBytePrefix("时间")
    }

    /// Non-blank lines with their kinds. A line that begins with a date and goes
    /// on with a paragraph (` date 2025-11-19 （中央社…）財政部…`) is two lines.
    func split(_ text: String) -> [PageLine] {
        var lines = [PageLine]()
        for raw in Self.lines(text) {
            guard var line = classifier.line(raw) else { continue }
            if line.kind != .meta || line.length > 40, Self.mayStartWithDate(line.compact),
               let (_, taken) = DateParser.leadingDate(line.normalized), line.normalized.unicodeScalars.count - taken >= 12 {
                let rest = line.normalized.unicodeScalars.dropFirst(taken)
                if rest.contains(where: { $0 == "," || $0 == "。" }) {
                    let restCount = String(scalars: rest).count
                    let text = line.text
                    let cut = text.index(text.endIndex, offsetBy: -min(restCount, text.count))
                    if let head = classifier.line(text[..<cut]), let rest = classifier.line(text[cut...]) {
                        var head = head
                        head.kind = .meta
                        lines.append(head)
                        line = rest
                    }
                }
            }
            lines.append(line)
        }
        // A tag label alone ("标签:") tags the short line after it; a deck label alone ("导读") heads a deck.
        for i in lines.indices.dropLast() {
            // Compared on the UTF-8, without the colons that end the line.
            let u = lines[i].compact.utf8
            var end = u.endIndex
            while end > u.startIndex, u[u.index(before: end)] == 0x3A { end = u.index(before: end) }
            let c = u[..<end]
            guard c.count <= Self.longestLabelBytes else { continue }
            if PageVocabulary.tagLabels.contains(where: { c.elementsEqual($0.utf8) }) && lines[i + 1].length <= 12 { lines[i + 1].kind = .widget }
            if PageVocabulary.deckLabels.contains(where: { c.elementsEqual($0.utf8) }) && lines[i + 1].kind != .meta { lines[i + 1].kind = .deck }
        }
        // A line repeated right after itself is one line.
        var deduplicated = [PageLine]()
        for line in lines where !(deduplicated.last?.compact.sameBytes(line.compact) ?? false) { deduplicated.append(line) }
        return deduplicated
    }

    /// A year from a full date shown on the page, for dates written without one.
    func pageYear(_ lines: [PageLine]) -> Int? {
        for line in lines.prefix(40) where line.kind == .meta || line.kind == .navigation {
            if case .day(let d)? = DateParser.find(in: line.normalized) { return d.components.year }
        }
        return nil
    }

    // MARK: The article's block

    /// Where the article begins: the first paragraph of the block of prose, between
    /// hard lines, that holds the most text. Nil when the page has no text at all.
    func articleStart(_ lines: [PageLine]) -> Int? {
        var best: (score: Int, range: Range<Int>)? = nil
        var blockStart = 0
        func close(_ end: Int) {
            guard blockStart < end else { return }
            var score = 0
            for line in lines[blockStart ..< end] {
                if line.kind == .prose { score += line.length } else if line.kind == .heading { score += max(1, line.length / 4) }
            }
            if score > 0 && score > (best?.score ?? 0) { best = (score, blockStart ..< end) }
        }
        for (i, line) in lines.enumerated() where line.isHard {
            close(i)
            blockStart = i + 1
        }
        close(lines.count)
        guard var block = best?.range else { return nil }
        // A date line inside the article (a notice's signature date) splits it:
        // the text before it belongs to the article when it is prose too.
        while block.lowerBound >= 2, lines[block.lowerBound - 1].kind == .meta {
            let end = block.lowerBound - 1
            var begin = end
            while begin > 0 && !lines[begin - 1].isHard { begin -= 1 }
            let prose = lines[begin ..< end].reduce(0) { $0 + ($1.kind == .prose ? $1.length : 0) }
            guard prose >= 40, prose * 10 >= best?.score ?? 0 else { break }
            block = begin ..< block.upperBound
        }
        if let first = block.first(where: { opensArticle(lines[$0]) }) { return first }
        // A block of headings only (a short item): the article is its last heading.
        return block.last(where: { lines[$0].kind == .heading })
    }

    /// A paragraph, a numbered section or a document number can open the article.
    func opensArticle(_ line: PageLine) -> Bool {
        switch line.kind {
        case .prose: true
        case .heading: LineClassifier.opensSection(line)
        default: false
        }
    }

    /// The article's paragraphs from `start` to the first footer, end mark or
    /// editor's credit, without widgets, captions, credits and repeats of the headline.
    func articleLines(_ lines: [PageLine], from start: Int, headline: String, meta: inout MetaReader) -> [String] {
        var body = [String]()
        let headlineKey = table.normalize(headline).withoutSpaces
        for line in lines[start...] {
            switch line.kind {
            case .footer, .endMark:
                if !body.isEmpty { return body }
            case .editorCredit:
                if !body.isEmpty { return body }
            case .meta:
                meta.read(bottomLine: line.text, normalized: line.normalized)
            case .credit, .caption:
                meta.readCredit(line.text, normalized: line.normalized)
            case .prose, .heading:
                if !headlineKey.isEmpty && line.compact.sameBytes(headlineKey) { continue }
                if meta.readAttribution(line.text, normalized: line.normalized) { continue }
                body.append(line.text)
            case .noise, .navigation, .widget, .spam, .deck, .furniture:
                continue
            }
        }
        return body
    }

    // MARK: The headline

    /// The headline's line: the heading just above the last meta line before the
    /// article (skipping bylines, widgets and kickers), else the first heading below
    /// that meta line, else the heading run just above the article.
    func headline(in lines: [PageLine], before start: Int) -> Int? {
        let candidates = (0 ..< start).filter { isCandidate(lines[$0]) }
        func isKicker(_ i: Int) -> Bool {
            // A kicker or series name that a longer candidate contains.
            candidates.contains { $0 != i && lines[$0].length > lines[i].length && lines[$0].compact.contains(lines[i].compact) }
        }
        // The heading above the meta line, six lines up at most; with `sparse`,
        // counters, widgets and further meta lines (share counts, font-size
        // buttons, a second date line) do not count.
        func above(_ anchor: Int, sparse: Bool) -> Int? {
            var i = anchor - 1
            var steps = 0
            while i >= 0 && steps < 6 && anchor - i <= 24 {
                let line = lines[i]
                if line.kind == .prose || line.kind == .footer || line.kind == .spam { break }
                if isCandidate(line) && line.length >= 5 && !isKicker(i) {
                    // An account's name, or the columnist's name and position, between
                    // the headline and the meta line.
                    if i > 0, isCandidate(lines[i - 1]),
                       isName(line) && lines[i - 1].length >= 3 * line.length || isColumnistsNote(line, under: lines[i - 1]) {
                        return i - 1
                    }
                    return i
                }
                let free = sparse && (line.kind == .noise || line.kind == .widget || line.kind == .meta || line.kind == .furniture)
                if !free { steps += 1 }
                i -= 1
            }
            return nil
        }
        let anchor = (0 ..< start).last(where: { lines[$0].kind == .meta })
        if let anchor {
            if let i = above(anchor, sparse: false) { return i }
            let below = candidates.filter { $0 > anchor && !isKicker($0) }
            if let longest = below.max(by: { lines[$0].length < lines[$1].length }), lines[longest].length >= 5 { return longest }
        }
        // The run of headings just above the article.
        var run = [Int]()
        var i = start - 1
        while i >= 0 {
            let line = lines[i]
            if isCandidate(line) { run.insert(i, at: 0) } else if ![.noise, .caption, .credit, .deck].contains(line.kind) { break }
            i -= 1
        }
        // Short labels are not headlines, except the first line of a tiny page ("甲\n\n正文").
        let alone = run.count == 1
        run.removeAll { isKicker($0) || lines[$0].length < 4 && !($0 == 0 && alone) }
        // Nothing else: the heading above the meta line past the page's widgets.
        guard !run.isEmpty else { return anchor.flatMap { above($0, sparse: true) } }
        // The first of the run, unless it is a short label or kicker above a longer headline.
        var k = 0
        while k + 1 < run.count && (lines[run[k]].length < 6 || lines[run[k + 1]].length * 5 >= lines[run[k]].length * 6) { k += 1 }
        return run[k]
    }

    /// A line that can only be a name: at most six characters, Han only (no
    /// punctuation, digits or spaces).
    func isName(_ line: PageLine) -> Bool {
        line.length <= 6 && line.han == line.length
    }

    /// A columnist's name and position (`王某某大学研究院院长`) under a headline
    /// that opens with the name (`王某某：…`).
    func isColumnistsNote(_ line: PageLine, under headline: PageLine) -> Bool {
        let head = headline.compact.prefix(6)
        guard let colon = head.firstIndex(of: ":") else { return false }
        let name = head[..<colon]
        return name.count >= 2 && name.count <= 4 && line.length > name.count + 2 && line.compact.hasPrefix(name)
    }

    /// The headline without the self-media platform's name glued to its end
    /// (`…受益环节财富号`), unless the article's text names the platform too
    /// (then the name is part of the headline: `…上线百家号`).
    ///
    /// - Complexity: O(1) unless the headline ends with 号 or 点, then O(page) once.
    func withoutPlatformName(_ title: String, lines: [PageLine], headline h: Int) -> String {
        // Every platform's name ends with 号 or 点: other headlines cost one comparison.
        guard lines[h].last == 0x53F7 || lines[h].last == 0x70B9 else { return title }
        let key = lines[h].compact
        guard let name = PageVocabulary.platformNames.first(where: { key.hasSuffix($0) }),
              key.count >= name.count + 8,
              !lines.contains(where: { $0.kind == .prose && $0.compact.contains(name) }) else { return title }
        var s = Substring(title)
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        s = s.dropLast(name.count)
        while let l = s.last, l.isWhitespace || "_-|｜—·".contains(l) { s = s.dropLast() }
        return String(s)
    }

    func isCandidate(_ line: PageLine) -> Bool {
        guard line.kind == .heading, line.han >= 1, line.length <= 80 else { return false }
        // A whole line in 【】 is a column name or kicker.
        if line.compact.hasBytePrefix("【") && line.compact.hasByteSuffix("】") { return false }
        return !line.compact.hasBytePrefix("原标题")
    }

    /// What follows the last sentence of a paragraph, when it is short: group 2 is
    /// the white space that often separates glued furniture from the sentence.
    /// `[。!?！？”」](\s*)([^。!?！？”」]{2,12})$`: after the last sentence end, the
    /// white space and the 2–12 characters that end `s` (written out: a pattern costs
    /// microseconds a call, and every page asks).
    nonisolated(unsafe) static let tailAfterSentencePattern = #/[。!?！？”」](\s*)([^。!?！？”」]{2,12})$/#
    static func tailAfterSentence(_ s: String) -> (Substring, Substring)? {
        guard let end = s.lastIndex(where: { sentenceEnds.contains($0) }) else { return nil }
        let rest = s[s.index(after: end)...]
        let count = rest.count
        // As the pattern backtracks: as much white space as leaves two characters.
        let spaces = min(rest.prefix(while: \.isWhitespace).count, count - 2)
        guard spaces >= 0, count - spaces <= 12 else { return nil }
        let split = rest.index(rest.startIndex, offsetBy: spaces)
        return (rest[..<split], rest[split...])
    }

    static let sentenceEnds: Set<Character> = ["。", "!", "?", "！", "？", "”", "」"]

    /// `^[\p{Han}]{2,3}[/／](?=[\p{Han}])`: a column's name before the first
    /// sentence (`快評/據大陸…`); where the text after it begins.
    nonisolated(unsafe) static let columnLabelPattern = #/^[\p{Han}]{2,3}[/／](?=[\p{Han}])/#
    static func columnLabelEnd(_ s: String) -> String.Index? {
        var i = s.startIndex
        var han = 0
        while han < 3, i < s.endIndex, HanScript.contains(s[i]) { han += 1; i = s.index(after: i) }
        guard han >= 2, i < s.endIndex, s[i] == "/" || s[i] == "／" else { return nil }
        let after = s.index(after: i)
        guard after < s.endIndex, HanScript.contains(s[after]) else { return nil }
        return after
    }
    nonisolated(unsafe) static let forumTag = #/^\[[^\]]{1,8}\]\s*/#

    /// Without a forum's `[广州] ` tag and trailing `******`.
    static func cleanHeadline(_ text: String) -> String {
        var s = Substring(text)
        if s.utf8.first == 0x5B, let m = s.prefixMatch(of: forumTag) { s = s[m.range.upperBound...] }
        while let l = s.last, l == "*" || l == "|" || l == "｜" || l.isWhitespace { s = s.dropLast() }
        return s.trimmingSpaces
    }

    /// Without an unmatched bracket at either end: "梨视频）" → "梨视频".
    static func balanced(_ value: String) -> String {
        var s = value.unicodeScalars[...]
        while let l = s.last, let pair = bracketPairs.first(where: { $0.close == l }), !s.contains(pair.open) { s = s.dropLast() }
        while let f = s.first, let pair = bracketPairs.first(where: { $0.open == f }), !s.contains(pair.close) { s = s.dropFirst() }
        return String(s).trimmingSpaces
    }

    static let bracketPairs: [(open: Unicode.Scalar, close: Unicode.Scalar)] = [
        ("(", ")"), ("（", "）"), ("【", "】"), ("[", "]"), ("《", "》"), ("“", "”"), ("「", "」"),
    ]

    /// `原标题:…` when the page shows no other headline.
    func originalTitle(_ lines: [PageLine], before end: Int) -> String? {
        for line in lines.prefix(end + 1) where line.compact.hasBytePrefix("原标题:") {
            let text = line.text
            guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { continue }
            let value = text[text.index(after: colon)...].trimmingSpaces
            if !value.isEmpty { return value }
        }
        return nil
    }

    // MARK: Safety

    /// False when the extraction dropped most of the page's text: the rules have
    /// mistaken the article for furniture, and the page is better kept whole.
    func safetyCheck(_ lines: [PageLine], body: [String], headline: String) -> Bool {
        let text = lines.reduce(0) { $0 + ($1.isText ? $1.length : 0) }
        guard text >= 300 else { return !body.isEmpty || !headline.isEmpty || text == 0 }
        // Characters counted as `length` counts them (scalars), only until a quarter is reached.
        let needed = (text + 3) / 4
        var kept = 0
        for paragraph in body {
            kept += paragraph.utf8.scalarCount
            if kept >= needed { return true }
        }
        return false
    }
}

extension String {
    func trimmingCharacters(_ set: Character...) -> String {
        var s = Substring(self)
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
