import Foundation
import NewsText

/// Decides what one line of a saved page is, from the line alone.
///
/// The tests run in a fixed order, most specific first: a line of widget words
/// is a widget even if it is short like a heading; a line with a date and
/// labels is meta even if it mentions a place. What a line is *in the page*
/// (headline or subhead, article or teaser) is the extractor's decision.
struct LineClassifier: Sendable {
    let table: CharacterTable
    /// Widget words (without spaces) as scalar values, by their first scalar, longest first.
    let widgetsByFirst: [UInt32: [[UInt32]]]
    /// Short lines already classified: the navigation, widget rows and footers
    /// that every page of a site repeats are classified once.
    let seen = LineMemo()

    init(table: CharacterTable) {
        self.table = table
        var byFirst = [UInt32: [[UInt32]]]()
        for word in Set(PageVocabulary.widgetWords.map { $0.replacingOccurrences(of: " ", with: "") }) where !word.isEmpty {
            let values = word.unicodeScalars.map(\.value)
            byFirst[values[0], default: []].append(values)
        }
        widgetsByFirst = byFirst.mapValues { $0.sorted { $0.count > $1.count } }
    }

    /// A line with its features and kind; nil for a blank line.
    func line(_ raw: Substring) -> PageLine? {
        guard raw.utf8.count <= LineMemo.maxBytes else { return classify(raw) }
        let key = String(raw)
        if let known = seen[key] { return known }
        let line = classify(raw)
        seen[key] = line
        return line
    }

    private func classify(_ raw: Substring) -> PageLine? {
        var text = raw.trimmingSpaces
        // Stray commas that begin a line broken by a converter: ",年增率-1.66%,".
        while let f = text.unicodeScalars.first, f == "," || f == "，" { text = String(text.dropFirst()).trimmingSpaces }
        guard !text.isEmpty else { return nil }
        // Matched without pinyin debris even when the page keeps it (parse --keep-debris).
        var normalized = table.normalize(TextCleaner.removePinyinDebris(text))
        var line = PageLine(text: text, normalized: "", compact: "", kind: .prose, han: 0, length: 0)
        line.compact = normalized.withUTF8 { line.measure($0) } ?? normalized
        guard line.length > 0 else { return nil }
        line.normalized = normalized
        line.kind = kind(of: line)
        line.baseKind = line.kind
        return line
    }

    nonisolated(unsafe) static let breadcrumb = #/(>|›|»|->|→|/).{0,30}(>|›|»|->|→)|^(首页|主页|网站首页|当前位置|您的位置|你的位置|所在位置|位置)\s*[:>]/#
    nonisolated(unsafe) static let epaperPage = #/^第?[a-z]?\d{1,3}版\s*[:：]?|版面\s*[:：]|^[a-z]\d{1,2}\s*[:：]/#
    nonisolated(unsafe) static let reporterCredit = #/^[(\[【]\s*(记者|通讯员|实习生|特约记者|见习记者)[^)\]】]{1,40}[)\]】]$|^[(\[【][^()\[\]【】]{0,12}记者[^()\[\]【】]{1,30}[)\]】]$/#
    nonisolated(unsafe) static let editorCredit = #/^[(\[【]?\s*(责任编辑|值班编辑|网络编辑|责编|编辑|编审|校对|审核|监制|主编|编译)\s*[:：/]?[^)\]】]{0,30}[)\]】]?$/#
    nonisolated(unsafe) static let nameCredit = #/^[(（]\s*[\p{Han}]{2,6}(\s+[\p{Han}]{2,4}){0,4}\s*[)）]$/#
    nonisolated(unsafe) static let photoCredit = #/(摄影?\s*[)）]?$|^摄影\s*[/:：]|^图\s*[/:：]|[(（]\s*(图|图片|资料图|资料图片|资料照|资料照片|图源|图片来源|视频截图|截图)\s*[/:：)）]|图片来源|资料照片$|资料图片?\)?$|新华社图片$|图片$|截图$|供图\)?$|供图\s*\S{0,8}$|提供\s*[)）]$)/#
    /// Whether `s` is a credit of names alone in parentheses, as `nameCredit`
    /// finds (written out: Han runs and white-space runs alternate, so the
    /// pattern cannot backtrack into another split).
    static func isNameCredit(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard u.count >= 4, u[0] == "(" || u[0] == "（", u[u.count - 1] == ")" || u[u.count - 1] == "）" else { return false }
        var i = 1
        var runs = 0
        while true {
            var spaces = 0
            while i < u.count - 1, u[i].isWhiteSpace { i += 1; spaces += 1 }
            var han = 0
            while i < u.count - 1, HanScript.contains(u[i].value) { i += 1; han += 1 }
            if han == 0 { return i == u.count - 1 && runs > 0 }
            guard runs == 0 || spaces > 0 else { return false }
            guard runs == 0 ? han >= 2 && han <= 6 : han >= 2 && han <= 4 else { return false }
            runs += 1
            if runs > 5 { return false }
        }
    }

    /// A one-sentence line ending with a short credit in parentheses: a caption.
    nonisolated(unsafe) static let captionCredit = #/^[^。]{4,50}。[(（]([^()（）]{2,10})[)）]$/#
    nonisolated(unsafe) static let pager = #/^[【\[]?(第\d{1,3}页|上一页|下一页|首页|尾页)+[】\]]?$/#
    nonisolated(unsafe) static let listNumber = #/^\d{1,2}[.、]/#
    nonisolated(unsafe) static let spacedListNumber = #/^\s*\d{1,2}[.、]\s*/#
    nonisolated(unsafe) static let link = #/(https?://|www\.)[a-z0-9./?=&_%#:~+-]*/#
    nonisolated(unsafe) static let documentNumber = #/^[\p{Han}]{1,10}[〔\[(]\d{4}[〕\])]\d{1,4}号$/#
    nonisolated(unsafe) static let bylinePublication = #/^([\p{Han}a-z]{2,12}?)\s*(/|／)?\s*记者\s*[:：]?\s*[\p{Han}]{2,4}/#

    static let closers: Set<UInt32> = [0x29, 0x5D, 0x3011, 0xFF09]  // ) ] 】 ）
    static let reporterRoles = WordSet(["记者", "通讯员", "实习生"])

    static let endMarks: Set<String> = ["(完)", "【完】", "[完]", "~end~", "-end-", "—end—", "(全文完)", "【全文完】", "end"]

    func kind(of line: PageLine) -> PageLine.Kind {
        let c = line.compact
        let n = line.normalized
        let length = line.length
        if line.han == 0 {
            if length <= 80 && line.digits > 0 && DateParser.find(in: n) != nil { return .meta }
            return length < 40 ? .noise : .prose
        }
        let first = line.first
        let fullStop = line.fullStops > 0
        if Self.deckFirsts.contains(first), Self.deckLabelsColon.contains(where: { c.hasBytePrefix($0) }) || PageVocabulary.deckLabels.contains(c) {
            return .deck
        }
        // "(原标题:…)": the reprint's note of the original headline.
        if c.hasBytePrefix("(原标题") || c.hasBytePrefix("【原标题") || c.hasBytePrefix("原标题:") { return .deck }
        // A long paragraph is article text unless it is a copyright notice or spam:
        // the tests below, written for short lines, are skipped (most lines of a page).
        if length > 140 || fullStop && length > 90 || line.commas >= 3 && length > 40 {
            if length <= 400 && line.commas < 3 && isSpam(c) { return .spam }
            // A long caption still ends with its photo credit: "…(圖/某某公司提供)".
            if length <= 160, line.last == 0x29 || line.last == 0xFF09, case let tail = String(c.scalarSuffix(24)), Self.photoWords.occurs(in: tail),
               Self.isPhotoCredit(tail) {
                return .caption
            }
            return isFooter(c, length: length) ? .footer : .prose
        }
        if (line.commas < 2 || length <= 60) && isSpam(c) { return .spam }
        if length <= 12 && Self.endMarks.contains(c) { return .endMark }
        let bracketed = Self.openers.contains(first)
        if length <= 40 && (bracketed || Self.editorFirsts.contains(first)) && Self.isEditorCredit(c) && !carriesOtherFields(c) {
            return .editorCredit
        }
        if length <= 45 && isWriterCredit(c) { return .credit }
        // Both patterns end with a bracket; a reporter's names a role.
        if length <= 45 && bracketed && Self.closers.contains(line.last),
           Self.reporterRoles.occurs(in: c) && Self.isReporterCredit(c) || Self.isNameCredit(n.trimmingSpaces) {
            return .credit
        }
        if isFooter(c, length: length) { return .footer }
        if Self.captionMarks.contains(first) { return .caption }
        if length <= 90 && first != 0x3010 && Self.photoWords.occurs(in: c) && Self.isPhotoCredit(c) { return .caption }
        if length <= 60, fullStop, line.last == 0x29 || line.last == 0xFF09, let credit = Self.captionCredit(in: c),
           !Self.creditRoles.occurs(in: String(credit)) {
            return .caption
        }
        if length <= 60 && !fullStop && (isWidget(Self.withoutLinks(c)) || isTagLine(c) || length <= 30 && Self.pagerFirsts.contains(first) && Self.isPager(c)) { return .widget }
        if length <= 15 && (c.hasBytePrefix("关注") || c.hasBytePrefix("订阅")) && line.commas == 0 { return .widget }
        if !fullStop && isNavigation(line) { return .navigation }
        if c.hasBytePrefix("—") || c.hasBytePrefix("--") { return length <= 60 ? .deck : .prose }
        if !fullStop && isMeta(line) { return .meta }
        if Self.opensSection(line) {
            return length <= 60 ? .heading : .prose
        }
        if fullStop || length > 60 { return .prose }
        // Sentence ends inside the line; a headline may end with "!!" or "?".
        if line.commas >= 3 || (line.innerSentenceEnds >= 2 && length > 30) { return .prose }
        // A sentence broken over lines, or one that opens a list.
        if line.last == 0x2C || line.last == 0x3001 || line.last == 0x3A, line.han >= 4 { return .prose }
        return .heading
    }

    /// A writer's credit on its own line: `【文/观察者网专栏作者 王文】`, `原创: 某某 某公众号`.
    func isWriterCredit(_ c: String) -> Bool {
        if c.hasBytePrefix("原创:") { return true }
        // "《棱镜》作者 周纯": a publication's writer.
        if c.hasBytePrefix("《"), let close = c.firstIndex(of: "》"), c[c.index(after: close)...].hasBytePrefix("作者") { return true }
        guard let f = c.unicodeScalars.first, Self.openers.contains(f.value), let l = c.unicodeScalars.last,
              [0x29, 0x5D, 0x3011, 0xFF09].contains(l.value) else { return false }
        let inner = c.dropFirst()
        return inner.hasBytePrefix("文/") || inner.hasBytePrefix("文:") || inner.hasBytePrefix("作者:") || inner.hasBytePrefix("作者/")
    }

    /// A numbered section, a part of a series or a document number
    /// (`津政办函〔2017〕103号`): a heading that can open the article.
    static func opensSection(_ line: PageLine) -> Bool {
        let c = line.compact
        return numberFirsts.contains(line.first) && isNumbered(c)
            || line.last == 0x53F7 && c.firstMatch(of: documentNumber) != nil
            || c.containsByte(0x28) && hasSeriesPart(c)
    }

    static let chineseNumerals: Set<UInt32> = Set("一二三四五六七八九十".unicodeScalars.map(\.value))

    /// A numbered section or item: `一、` `(一)` `(1)` `1、` `1.` `⑴` `①` `第三章`.
    static func isNumbered(_ c: String) -> Bool {
        let s = Array(c.unicodeScalars.prefix(6)).map(\.value)
        guard let f = s.first else { return false }
        if (0x2460 ... 0x2487).contains(f) { return true }
        func digit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }
        var i = 0
        let opened = f == 0x28 || f == 0xFF08
        if opened { i = 1 }
        var k = i
        while k < s.count, k - i < 3, chineseNumerals.contains(s[k]) { k += 1 }
        if k > i, k < s.count, [0x29, 0xFF09, 0x3001, 0x2E].contains(s[k]) { return true }
        k = i
        while k < s.count, k - i < 2, digit(s[k]) { k += 1 }
        if k > i, k < s.count {
            if opened && (s[k] == 0x29 || s[k] == 0xFF09) { return true }
            if !opened && [0x3001, 0x2E, 0xFF0E].contains(s[k]) && (k + 1 >= s.count || !digit(s[k + 1])) { return true }
        }
        if f == 0x7B2C {  // 第
            k = 1
            while k < s.count, k < 4, chineseNumerals.contains(s[k]) || digit(s[k]) { k += 1 }
            if k > 1, k < s.count, Set("章节部分条".unicodeScalars.map(\.value)).contains(s[k]) { return true }
        }
        return false
    }

    /// A part of a series in a title: "…(1):", "（二）：".
    static func hasSeriesPart(_ c: String) -> Bool {
        var c = c
        return c.withUTF8 { u in
            guard let p = u.baseAddress else { return false }
            let n = u.count
            func scalar(_ i: Int) -> (UInt32, Int) { i < n ? PageLine.decode(p, n, at: i) : (0, 0) }
            var i = 0
            while i < n {
                let (v, width) = scalar(i)
                i += width
                guard v == 0x28 || v == 0xFF08 else { continue }
                var k = i
                var numerals = 0
                var (x, xWidth) = scalar(k)
                while k < n, numerals < 2, chineseNumerals.contains(x) || x >= 0x30 && x <= 0x39 {
                    k += xWidth
                    numerals += 1
                    (x, xWidth) = scalar(k)
                }
                guard numerals > 0, k < n, x == 0x29 || x == 0xFF09 else { continue }
                let (colon, _) = scalar(k + xWidth)
                if k + xWidth < n, colon == 0x3A || colon == 0xFF1A { return true }
            }
            return false
        }
    }

    /// Whether `c` is a reporter's credit in brackets, as `reporterCredit` finds
    /// (written out): a role first and the names after it, or 记者 after at most
    /// 12 characters, with no other bracket inside.
    static func isReporterCredit(_ c: String) -> Bool {
        let s = Array(c.unicodeScalars)
        guard s.count >= 3, s[0] == "(" || s[0] == "[" || s[0] == "【" else { return false }
        let last = s.count - 1
        guard s[last] == ")" || s[last] == "]" || s[last] == "】" else { return false }
        var i = 1
        while i < last, s[i].isWhiteSpace { i += 1 }
        for role in reporterCreditRoles where i + role.count <= last && s[i ..< i + role.count].elementsEqual(role) {
            let names = s[(i + role.count) ..< last]
            if names.count >= 1 && names.count <= 40 && !names.contains(where: { $0 == ")" || $0 == "]" || $0 == "】" }) { return true }
        }
        let inner = s[1 ..< last]
        guard !inner.contains(where: { "()[]【】".unicodeScalars.contains($0) }) else { return false }
        for p in 1 ... 13 where p + 1 < last && s[p] == "记" && s[p + 1] == "者" {
            let after = last - (p + 2)
            if after >= 1 && after <= 30 { return true }
        }
        return false
    }

    static let reporterCreditRoles: [[Unicode.Scalar]] = ["记者", "通讯员", "实习生", "特约记者", "见习记者"].map { Array($0.unicodeScalars) }

    /// Whether `c` ends with or holds a photo credit, as `photoCredit` finds (written out).
    static func isPhotoCredit(_ c: String) -> Bool {
        func endsWith(_ word: String, closers: String, spaces: Bool = true) -> Bool {
            var s = Substring(c)
            if let l = s.last, closers.contains(l) { s = s.dropLast() }
            if spaces { while let l = s.last, l.isWhitespace { s = s.dropLast() } }
            return s.hasByteSuffix(word)
        }
        func opens(_ word: String, then stops: String) -> Bool {
            guard c.hasBytePrefix(word) else { return false }
            return c.dropFirst(word.count).first { !$0.isWhitespace }.map { stops.contains($0) } ?? false
        }
        if endsWith("摄", closers: ")）") || endsWith("摄影", closers: ")）") || opens("摄影", then: "/:：") || opens("图", then: "/:：") {
            return true
        }
        if c.includes("图片来源") || c.hasByteSuffix("资料照片") || c.hasByteSuffix("新华社图片") || c.hasByteSuffix("图片") || c.hasByteSuffix("截图") {
            return true
        }
        if endsWith("资料图", closers: ")", spaces: false) || endsWith("资料图片", closers: ")", spaces: false)
            || endsWith("供图", closers: ")", spaces: false) {
            return true
        }
        if let l = c.last, l == ")" || l == "）", endsWith("提供", closers: ")）") { return true }
        // "供图 某某": at most eight characters, no white space, after the last 供图.
        if let r = c.byteRange(of: "供图") {
            var last = r
            while let next = c[last.upperBound...].range(of: "供图") { last = next }
            let rest = c[last.upperBound...].drop { $0.isWhitespace }
            if rest.count <= 8 && !rest.contains(where: \.isWhitespace) { return true }
        }
        // "(图/…", "（资料图片）".
        let u = c.unicodeScalars
        for i in u.indices where u[i] == "(" || u[i] == "（" {
            let rest = c[u.index(after: i)...].drop { $0.isWhitespace }
            for word in Self.photoLabels where rest.hasBytePrefix(word) {
                if let next = rest.dropFirst(word.count).first(where: { !$0.isWhitespace }), "/:：)）".contains(next) { return true }
            }
        }
        return false
    }

    static let photoLabels = ["图", "图片", "资料图", "资料图片", "资料照", "资料照片", "图源", "图片来源", "视频截图", "截图"]

    /// Whether `c` is an editor's credit, as `editorCredit` finds (written out).
    static func isEditorCredit(_ c: String) -> Bool {
        var s = Substring(c)
        if let f = s.first, f == "(" || f == "[" || f == "【" { s = s.dropFirst() }
        s = s.drop { $0.isWhitespace }
        guard let label = Self.editorCreditLabels.first(where: { s.hasBytePrefix($0) }) else { return false }
        s = s.dropFirst(label.count).drop { $0.isWhitespace }
        if let f = s.first, f == ":" || f == "：" || f == "/" { s = s.dropFirst() }
        if let l = s.last, l == ")" || l == "]" || l == "】" { s = s.dropLast() }
        return s.count <= 30 && !s.contains { $0 == ")" || $0 == "]" || $0 == "】" }
    }

    static let editorCreditLabels = ["责任编辑", "值班编辑", "网络编辑", "责编", "编辑", "编审", "校对", "审核", "监制", "主编", "编译"]

    static let creditRoles = WordSet(["记者", "通讯员", "编辑", "来源", "转自"])

    /// What `captionCredit` captures: the credit in parentheses after a line's one
    /// sentence (written out: a pattern costs microseconds a call).
    static func captionCredit(in c: String) -> Substring? {
        let u = c.unicodeScalars
        guard let stop = u.firstIndex(of: "。") else { return nil }
        let before = u.distance(from: u.startIndex, to: stop)
        guard before >= 4, before <= 50 else { return nil }
        let open = u.index(after: stop)
        guard open < u.endIndex, u[open] == "(" || u[open] == "（", case let close = u.index(before: u.endIndex), close > open,
              u[close] == ")" || u[close] == "）" else { return nil }
        let inner = u[u.index(after: open) ..< close]
        guard !inner.contains(where: { $0 == "(" || $0 == ")" || $0 == "（" || $0 == "）" }) else { return nil }
        let count = inner.count
        return count >= 2 && count <= 10 ? c[inner.startIndex ..< inner.endIndex] : nil
    }

    /// Whether `c` is a pager, as `pager` finds (written out).
    static func isPager(_ c: String) -> Bool {
        var s = Substring(c)
        if let f = s.first, f == "【" || f == "[" { s = s.dropFirst() }
        if let l = s.last, l == "】" || l == "]" { s = s.dropLast() }
        guard !s.isEmpty else { return false }
        while let f = s.first {
            if f == "第" {
                let digits = s.dropFirst().prefix { Self.isDecimalDigit($0) }.count
                guard digits >= 1, digits <= 3, s.dropFirst(1 + digits).first == "页" else { return false }
                s = s.dropFirst(2 + digits)
            } else if let item = ["上一页", "下一页", "首页", "尾页"].first(where: { s.hasBytePrefix($0) }) {
                s = s.dropFirst(item.count)
            } else {
                return false
            }
        }
        return true
    }

    /// What `\d` matches: one scalar of a decimal digit.
    static func isDecimalDigit(_ ch: Character) -> Bool {
        ch.unicodeScalars.count == 1 && ch.unicodeScalars.first!.properties.numericType == .decimal
    }

    /// The characters a pager line can begin with (a quick test before the pattern).
    static let pagerFirsts: Set<UInt32> = Set("【[第上下首尾".unicodeScalars.map(\.value))
    static let openers: Set<UInt32> = [0x28, 0x5B, 0x3010, 0xFF08]  // ( [ 【 （
    static let editorFirsts: Set<UInt32> = Set("责值网编校审监主".unicodeScalars.map(\.value))
    static let captionMarks: Set<UInt32> = Set("▲△→↑▼".unicodeScalars.map(\.value))
    static let numberFirsts: Set<UInt32> = Set("(（一二三四五六七八九十0123456789⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽①②③④⑤⑥⑦⑧⑨⑩第".unicodeScalars.map(\.value))

    /// Words without which a line cannot be a photo caption (a quick test before the pattern).
    static let photoWords = WordSet(["摄", "图", "照", "提供"])

    static func withoutLinks(_ c: String) -> String {
        c.includes("http") || c.includes("www.") ? c.replacing(link, with: "") : c
    }

    /// A date or a source or date label: an editor's name on a line with these is
    /// a meta line ("责任编辑:王明 来源:淄博日报 2024-03-19"), not the article's end.
    func carriesOtherFields(_ c: String) -> Bool {
        (PageVocabulary.sourceLabels + PageVocabulary.dateLabels).contains { c.includes($0 + ":") } || DateParser.find(in: c) != nil
            || MetaReader.dateStart(in: c) != nil
    }

    func isSpam(_ c: String) -> Bool {
        var c = c
        return c.withUTF8 { u in
            if Self.spamWords.occurs(in: u) { return true }
            // Keyword stuffing: "词_词_词_词".
            var underscores = 0
            for b in u where b == 0x5F {
                underscores += 1
                if underscores == 3 { return true }
            }
            return false
        }
    }

    static let spamWords = WordSet(PageVocabulary.spamWords)
    static let footerNotices = WordSet(PageVocabulary.footerNotices)
    /// Filing and rights notices that end a page wherever they stand in a line.
    static let filingNotices = WordSet(["icp备", "公网安备", "allrightsreserved"])
    static let deckLabelsColon = PageVocabulary.deckLabels.map { $0 + ":" }
    static let deckFirsts: Set<UInt32> = Set(PageVocabulary.deckLabels.compactMap { $0.unicodeScalars.first?.value })
    /// Footer markers that open a notice, not a list: the line is a footer whatever its length.
    static let noticeMarkers: Set<String> = ["【版权", "【免责", "版权声明", "免责声明", "版权及免责声明", "版权所有", "版权说明", "copyright", "©",
                                             "凡注明", "未经授权", "声明:", "网站声明", "本站声明", "您的观点仅代表", "请文明发言", "文明上网",
                                             "扫描二维码", "欢迎各界分享"]

    /// Footer markers by their first character, so that a line is compared with
    /// the few markers that could start it.
    static let footerStartsByFirst: [UInt32: [String]] = Dictionary(grouping: PageVocabulary.footerStarts, by: { $0.unicodeScalars.first!.value })

    func isFooter(_ c: String, length: Int) -> Bool {
        if length <= 6 && PageVocabulary.footerWords.contains(c) { return true }
        if c.hasBytePrefix("上") || c.hasBytePrefix("下"), Self.neighbourLinksColon.contains(where: c.hasBytePrefix) { return true }
        if length <= 8, PageVocabulary.footerPrefixes.contains(where: { c.hasBytePrefix($0) }), !c.includes(",") { return true }
        if length <= 40, Self.footerNotices.occurs(in: c) { return true }
        // An invitation to follow an account: "扫描下方二维码关注…官方微信".
        if length <= 100, c.includes("二维码"), Self.followWords.occurs(in: c) { return true }
        guard let marker = Self.footerStartsByFirst[c.unicodeScalars.first!.value]?.first(where: { c.hasBytePrefix($0) }) else {
            // Every filing notice holds 备 or an a: one search before the word set.
            return c.hasBytePrefix("copyright") || (c.includes("备") || c.containsByte(0x61)) && Self.filingNotices.occurs(in: c)
        }
        // "相关新闻" opens a list; a long line that merely begins with the words is text.
        return Self.noticeMarkers.contains(marker) || length <= marker.count + 12
    }

    /// A line made only of widget words, digits and punctuation.
    func isWidget(_ c: String) -> Bool {
        guard let firstLetter = c.unicodeScalars.first(where: \.isLetter) else { return true }
        guard widgetsByFirst[firstLetter.value] != nil else { return false }
        let letters = c.unicodeScalars.filter(\.isLetter).map(\.value)
        guard letters.count <= 40 else { return false }
        // Greedy longest match from each position; every letter must be covered.
        var i = 0
        while i < letters.count {
            guard let words = widgetsByFirst[letters[i]],
                  let word = words.first(where: { $0.count <= letters.count - i && letters[i ..< i + $0.count].elementsEqual($0) })
            else { return false }
            i += word.count
        }
        return true
    }

    func isTagLine(_ c: String) -> Bool {
        PageVocabulary.tagLabels.contains(where: c.sameBytes) || Self.tagLabelsColon.contains(where: c.hasBytePrefix)
    }

    static let tagLabelsColon = PageVocabulary.tagLabels.map { $0 + ":" }
    static let neighbourLinksColon = PageVocabulary.neighbourLinks.map { $0 + ":" }

    func isNavigation(_ line: PageLine) -> Bool {
        guard line.length <= 120 else { return false }
        let arrow = Self.arrows.occurs(in: line.compact)
        let numbered = arrow && line.first >= 0x30 && line.first <= 0x39
        let c = numbered ? line.compact.replacing(Self.listNumber, with: "") : line.compact
        let n = numbered ? line.normalized.replacing(Self.spacedListNumber, with: "") : line.normalized
        // Items of a bulleted list of links or quotes: "• 恒指".
        if line.length <= 20, Self.bullets.contains(line.first), !c.includes(":") { return true }
        // A line that starts with a full date is a date line or a CMS trailer, not navigation.
        if line.first >= 0x30 && line.first <= 0x39 && DateParser.startsWithDateOrTime(n) { return false }
        // A link with an arrow: "封面区块链 该文章已上链 >".
        if line.length <= 30, [0x3E, 0xBB, 0x203A, 0x2192].contains(line.last) { return true }
        if line.length <= 60, c.includes(">"), Self.breadcrumbWords.occurs(in: c) { return true }
        if arrow || Self.breadcrumbFirsts.contains(line.first) && c.includes(":"), line.fullStops == 0,
           n.firstMatch(of: Self.breadcrumb) != nil {
            // A date range "3/1-3/5" or a fraction is not a breadcrumb: require words on both sides.
            return line.han >= 2
        }
        if line.length <= 40 && (c.includes("版") && c.firstMatch(of: Self.epaperPage) != nil
                                 || PageVocabulary.epaperWords.contains(where: { c.hasBytePrefix($0) })) {
            return true
        }
        // Menus: many short items separated by spaces or bars, no sentence.
        guard line.commas == 0, line.fullStops == 0 else { return false }
        var items = 0
        var itemLength = 0
        for s in n.unicodeScalars {
            if s == " " || s == "|" || s == "｜" || s == "\t" {
                if itemLength > 0 { items += 1 }
                itemLength = 0
                continue
            }
            itemLength += 1
            if itemLength > 5 || s.isNumeral { return false }
        }
        return items + (itemLength > 0 ? 1 : 0) >= 5
    }

    static let arrows = WordSet([">", "›", "»", "→"])
    static let breadcrumbWords = WordSet(["首页", "主页", "正文", "位置"])
    static let followWords = WordSet(["关注", "扫描", "扫码", "长按", "识别"])
    static let bullets: Set<UInt32> = Set("•·●◆■◇○".unicodeScalars.map(\.value))
    static let breadcrumbFirsts: Set<UInt32> = Set("首主网当您你所位".unicodeScalars.map(\.value))

    static let metaLabels = PageVocabulary.sourceLabels + PageVocabulary.dateLabels + PageVocabulary.personLabels
    /// `metaLabels` by their last three bytes (each ends in a Han character), in list order.
    static let metaLabelsByEnd: [UInt32: [String]] = Dictionary(grouping: metaLabels) { label in
        let b = Array(label.utf8.suffix(3))
        return UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2])
    }

    /// A date, source or byline line.
    func isMeta(_ line: PageLine) -> Bool {
        let c = line.compact
        let n = line.normalized
        guard line.length <= 140, !c.includes("。") else { return false }
        let digits = line.digits > 0
        let labels = Self.metaLabels
        // A label before a colon, starting the line or (on a short line) a field:
        // not "…的来源:" inside a long sentence.
        var compact = c
        let labelled: Bool = compact.withUTF8 { u in
            guard let p = u.baseAddress else { return false }
            for colon in 3 ..< max(3, u.count) where p[colon] == 0x3A || p[colon] == 0xEF {
                // "：" is EF BC 9A; other characters begin with EF too.
                if p[colon] == 0xEF, !(colon + 2 < u.count && p[colon + 1] == 0xBC && p[colon + 2] == 0x9A) { continue }
                // The first label (in list order) that ends there: only labels ending in the character before the colon.
                let key = UInt32(p[colon - 3]) << 16 | UInt32(p[colon - 2]) << 8 | UInt32(p[colon - 1])
                guard let labels = Self.metaLabelsByEnd[key] else { continue }
                let before = UnsafeBufferPointer(start: p, count: colon)
                if let label = labels.first(where: { $0.utf8.count <= colon && $0.utf8.elementsEqual(before[(colon - $0.utf8.count)...]) }) {
                    if colon == label.utf8.count || line.length <= 80 { return true }
                }
            }
            return false
        }
        if labelled { return true }
        if c.hasBytePrefix("发表于") || c.hasBytePrefix("发布于") { return true }
        // A table row of fields: "发布机构 | 苍溪县政府 |".
        if c.includes("|"), c.split(separator: "|").contains(where: { cell in labels.contains { cell.hasByteSuffix($0) } || cell == "索引号" }) {
            return true
        }
        // A CMS trailer or date line that starts with a full date.
        if digits, line.length <= 110, !c.includes(","), MetaReader.dateStart(in: n) == n.startIndex,
           DateParser.find(in: n) != nil {
            return true
        }
        // A date near a short line's start: "2024-03-19 09:12 来源…", "大众日报 2023年5月8日".
        if digits, line.length <= 70, DateParser.find(in: n) != nil {
            return line.length <= 30 || !c.containsByte(0x2C)
        }
        if digits, line.length <= 30, DateParser.compactDate(in: c) != nil, c.includes("/") { return true }
        // Bylines: "記者 林佩君／台北報導", "光明日报记者 张翼", "□ 李拥军", "文/王妙琴".
        if line.length <= 40 {
            if (c.hasBytePrefix("记者") || c.hasBytePrefix("文/") || c.hasBytePrefix("□")) && !c.includes(",") { return true }
            if c.includes("/") && (c.hasByteSuffix("报导") || c.hasByteSuffix("报道")) { return true }
            if c.includes("记者") && c.firstMatch(of: Self.bylinePublication) != nil && !c.includes(",") { return true }
        }
        // "(德国之声)" under the date: a publication in parentheses.
        if line.length <= 16, c.hasBytePrefix("("), c.hasByteSuffix(")"),
           PageVocabulary.publicationSuffixes.contains(where: { c.dropLast().hasByteSuffix($0) }) {
            return true
        }
        return false
    }
}

/// A bounded memo of classified short lines, shared by the threads that use
/// one classifier. A line's kind depends on the line alone, so a remembered
/// answer is the answer.
final class LineMemo: @unchecked Sendable {
    /// Lines up to this many UTF-8 bytes are remembered: furniture is short,
    /// article paragraphs (which never repeat) are long.
    static let maxBytes = 120
    /// Past this many lines the memo starts again (a page's own headline and
    /// date line fill it too).
    static let capacity = 8192

    private var lines: [Key: PageLine?] = [:]
    private let lock = NSLock()

    subscript(key: String) -> PageLine?? {
        get { lock.withLock { lines[Key(text: key)] } }
        set {
            lock.withLock {
                if lines.count >= Self.capacity { lines.removeAll(keepingCapacity: true) }
                lines[Key(text: key)] = newValue ?? nil
            }
        }
    }

    /// A line hashed and compared by its UTF-8: a `String` key is normalized
    /// to hash it unless it is ASCII.
    struct Key: Hashable {
        var text: String

        /// The bytes folded eight at a time into one word (FNV-style), which the
        /// hasher then mixes: cheaper than hashing every byte with SipHash.
        func hash(into hasher: inout Hasher) {
            var text = text
            let folded: UInt64 = text.withUTF8 { u in
                var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(u.count)
                guard let p = UnsafeRawPointer(u.baseAddress) else { return h }
                var i = 0
                while i + 8 <= u.count {
                    h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
                    h ^= h >> 29
                    i += 8
                }
                while i < u.count {
                    h = (h ^ UInt64(p.load(fromByteOffset: i, as: UInt8.self))) &* 0x100_0000_01b3
                    i += 1
                }
                return h
            }
            hasher.combine(folded)
        }

        static func == (a: Key, b: Key) -> Bool { a.text.sameBytes(b.text) }
    }
}
