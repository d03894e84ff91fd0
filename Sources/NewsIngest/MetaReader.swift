import Glibc
import NewsText

/// Collects a page's date, source, reprint origin and author from the lines
/// that carry them, keeping for each the most trustworthy one seen.
///
/// Sources, most trusted first: a labelled field above the article
/// (`来源:`, `稿件來源:`, `发布机构 | …`), a byline's publication
/// (`經濟日報／記者…`), a reprint origin (`转自:`, `本文經轉授權自…`), a plain
/// name on the date line (`新华网 2023-04-06`), the article's lead
/// (`【中新社武漢4月10日電】`, `（中央社記者…電）`), a labelled field below the
/// article, and a publication in parentheses at its end (`(证券时报)`).
struct MetaReader {
    let table: CharacterTable
    let classifier: LineClassifier
    let contextYear: Int?

    var date: DateParser.Match?
    /// The name of the site that published this copy, as its date line gives it
    /// (`华夏产经资讯网   时间:…`): it keeps two portals' copies of a story apart.
    var site: String? { plain }
    var author: String?
    var reprintOrigin: String?
    private var labelled: String?
    private var byline: String?
    private var plain: String?
    private var lead: String?
    private var bottom: String?
    private var trailing: String?

    init(table: CharacterTable, classifier: LineClassifier, contextYear: Int?) {
        self.table = table
        self.classifier = classifier
        self.contextYear = contextYear
    }

    var source: String? { labelled ?? byline ?? reprintOrigin ?? plain ?? lead ?? bottom ?? trailing }

    // MARK: Meta lines

    /// A date/source/byline line above the article.
    mutating func read(metaLine text: String, normalized n: String) {
        // A table row of fields: "发布机构 | 苍溪县政府 | 发布日期 | 2022-02-22".
        var bars = 0
        for b in n.utf8 where b == 0x7C { bars += 1 }
        if bars >= 2 {
            let cells = n.split(separator: "|").map { $0.withoutSpaces }
            let originals = text.count == n.count ? text.split(separator: "|").map { $0.trimmingSpaces } : cells
            for (i, cell) in cells.enumerated().dropLast() {
                let value = i + 1 < originals.count ? originals[i + 1] : cells[i + 1]
                if date == nil, PageVocabulary.dateLabels.contains(where: { cell.hasByteSuffix($0) }) {
                    date = DateParser.findInMetaLine(cells[i + 1], contextYear: contextYear)
                }
                if labelled == nil, PageVocabulary.sourceLabels.contains(where: { cell.hasByteSuffix($0) }), !value.isEmpty {
                    labelled = value
                }
            }
        }
        let lineDate = date == nil || plain == nil ? DateParser.findInMetaLine(n, contextYear: contextYear) : nil
        if date == nil, let d = lineDate { date = d }
        if labelled == nil, let value = labelledValue(text, normalized: n, labels: PageVocabulary.sourceLabels) {
            if n.includes("转自") || n.includes("转载自") { reprintOrigin = reprintOrigin ?? value } else { labelled = value }
        }
        if byline == nil, n.includes("记者"), let m = n.withoutSpaces.firstMatch(of: LineClassifier.bylinePublication) {
            let name = String(m.1)
            if isPublication(name) { byline = original(text, n, name) }
        }
        if lineDate != nil { readPlainFields(text, normalized: n) }
        if author == nil, Self.bylineWords.occurs(in: n), let m = n.firstMatch(of: Self.bylineAuthor) {
            author = original(text, n, String(m.1))
        }
        if author == nil, let value = labelledValue(text, normalized: n, labels: Self.authorLabels),
           value.count <= 12, !classifier.isWidget(table.normalize(value)), !classifier.isSpam(table.normalize(value)) {
            author = value
        }
    }

    /// A meta line below the article's start: a source or date named at the bottom.
    mutating func read(bottomLine text: String, normalized n: String) {
        if bottom == nil, let value = labelledValue(text, normalized: n, labels: PageVocabulary.sourceLabels) {
            // Below the article, "来源:" names where the story came from, as "转自:" does.
            reprintOrigin = reprintOrigin ?? value
            bottom = value
        }
        if date == nil, case .day(let d)? = DateParser.find(in: n), n.count <= 40 || Self.dateStart(in: n) == n.startIndex {
            date = .day(d)
        }
    }

    static let bylineWords = WordSet(["记者", "编译", "撰文", "文"])
    static let authorLabels = ["作者", "撰文", "记者"]

    nonisolated(unsafe) static let bylineAuthor = #/(?:^|\s)(?:记者|编译|撰文|文)\s*[:：/]?\s*([\p{Han}]{2,4})\s*(?:[/／]|$|\s)/#

    /// `label: value` for the first label present; the value stops at the next
    /// field, a run of spaces, a bar or a date. Nil when the value is empty.
    func labelledValue(_ text: String, normalized n: String, labels: [String]) -> String? {
        var n = n
        // Each label's first occurrence before ":", else before "：", as a byte search
        // for each would find it; found from the colons instead.
        let colons = n.withUTF8 { Self.colonOffsets($0) }
        guard !colons.ascii.isEmpty || !colons.wide.isEmpty else { return nil }
        for label in labels {
            let found: (start: Int, end: Int)? = n.withUTF8 { u in
                if let at = Self.labelOffset(label, before: colons.ascii, in: u) { return (at, at + label.utf8.count + 1) }
                if let at = Self.labelOffset(label, before: colons.wide, in: u) { return (at, at + label.utf8.count + 3) }
                return nil
            }
            guard let found else { continue }
            let r = n.utf8.index(n.utf8.startIndex, offsetBy: found.start) ..< n.utf8.index(n.utf8.startIndex, offsetBy: found.end)
            guard r.lowerBound == n.startIndex || !PageLine.isHan(n.unicodeScalars[n.unicodeScalars.index(before: r.lowerBound)].value)
                    || label.unicodeScalars.count >= 4
            else { continue }
            var rest = n[r.upperBound...].drop { $0 == " " }
            if rest.isEmpty { continue }
            // The value ends at a bar, a run of two spaces, a question-mark separator or the next label.
            let restString = String(rest)
            var end = restString.endIndex
            for stop in ["|", "｜", "  ", "?", "　"] {
                if let s = restString.byteRange(of: stop), s.lowerBound < end { end = s.lowerBound }
            }
            if let next = Self.nextField(in: restString, before: end) { end = next }
            // Indices of `restString` are those of `rest` shifted: rebuild the slice by byte offset.
            rest = rest[..<rest.utf8.index(rest.startIndex, offsetBy: restString.utf8.distance(from: restString.startIndex, to: end))]
            // A date or time glued to the value ends it.
            let restValue = String(rest)
            if let at = Self.dateStart(in: restValue) {
                rest = rest[..<rest.utf8.index(rest.startIndex, offsetBy: restValue.utf8.distance(from: restValue.startIndex, to: at))]
            }
            var value = original(text, n, String(rest)).trimmingSpaces
            // A widget after the value: "证券市场红周刊 举报".
            while value.utf8.contains(0x20), let space = value.lastIndex(of: " "),
                  classifier.isWidget(table.normalize(String(value[value.index(after: space)...]))) {
                value = String(value[..<space]).trimmingSpaces
            }
            guard value.unicodeScalars.contains(where: \.isLetter) else { continue }
            // A single word, not a sentence.
            if value.utf8.count > 40 && value.count > 40 { continue }
            guard value.utf8.contains(0x20) else { return value }
            return value.split(whereSeparator: { $0 == " " }).count > 3 ? String(value.split(separator: " ").first!) : value
        }
        return nil
    }

    /// Where the first field label (`fieldLabels`, before `:` or `：`) after the start of `s` and before `end`
    /// begins: for each label its first occurrence with `:`, else with `：`, as a
    /// byte search for each would find it; one pass over the colons instead.
    static func nextField(in s: String, before end: String.Index) -> String.Index? {
        var s = s
        let endOffset = s.utf8.distance(from: s.utf8.startIndex, to: end)
        let found: Int? = s.withUTF8 { u in
            let colons = colonOffsets(u)
            guard !colons.ascii.isEmpty || !colons.wide.isEmpty, let base = u.baseAddress else { return nil }
            // Each label's first offset before an ASCII colon and before a full-width
            // one, found from the colons: only labels ending in the character
            // before a colon are compared.
            func firsts(_ colons: [Int]) -> [Int] {
                var at = [Int](repeating: -1, count: fieldLabels.count)
                for c in colons where c >= 3 {
                    let key = UInt32(base[c - 3]) << 16 | UInt32(base[c - 2]) << 8 | UInt32(base[c - 1])
                    for (index, label) in fieldLabelsByEnd[key] ?? [] where at[index] < 0 && c >= label.count
                        && memcmp(base + c - label.count, label, label.count) == 0 {
                        at[index] = c - label.count
                    }
                }
                return at
            }
            let ascii = firsts(colons.ascii), wide = firsts(colons.wide)
            var best: Int? = nil
            for index in fieldLabels.indices {
                let at = ascii[index] >= 0 ? ascii[index] : wide[index]
                guard at > 0, at < (best ?? endOffset) else { continue }
                best = at
            }
            return best
        }
        return found.map { s.utf8.index(s.utf8.startIndex, offsetBy: $0) }
    }

    /// Byte offsets of the colons in `u`, ASCII `:` and full-width `：` apart.
    static func colonOffsets(_ u: UnsafeBufferPointer<UInt8>) -> (ascii: [Int], wide: [Int]) {
        var ascii = [Int](), wide = [Int]()
        var i = 0
        while i < u.count {
            if u[i] == 0x3A { ascii.append(i) } else if u[i] == 0xEF, i + 2 < u.count, u[i + 1] == 0xBC, u[i + 2] == 0x9A { wide.append(i) }
            i += 1
        }
        return (ascii, wide)
    }

    /// Where `label` first stands right before one of `colons`: its byte offset.
    static func labelOffset(_ label: String, before colons: [Int], in u: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !colons.isEmpty, let base = u.baseAddress else { return nil }
        let found: Int?? = label.utf8.withContiguousStorageIfAvailable { l in
            let m = l.count
            for c in colons where c >= m && memcmp(base + c - m, l.baseAddress!, m) == 0 { return c - m }
            return nil
        }
        if let found { return found }
        let l = Array(label.utf8)
        return colons.first { c in c >= l.count && u[(c - l.count) ..< c].elementsEqual(l) }.map { $0 - l.count }
    }

    /// Every field label: the labels that end a field's value.
    static let fieldLabelStarts = WordSet(fieldLabels)
    /// The field labels' bytes with their index, by their last three bytes (a Han character: every label ends in one).
    static let fieldLabelsByEnd: [UInt32: [(index: Int, bytes: [UInt8])]] = {
        var byEnd = [UInt32: [(index: Int, bytes: [UInt8])]]()
        for (index, label) in fieldLabels.enumerated() {
            let b = Array(label.utf8)
            byEnd[UInt32(b[b.count - 3]) << 16 | UInt32(b[b.count - 2]) << 8 | UInt32(b[b.count - 1]), default: []].append((index, b))
        }
        return byEnd
    }()
    static let fieldLabels = PageVocabulary.sourceLabels + PageVocabulary.dateLabels + PageVocabulary.personLabels + PageVocabulary.otherLabels

    /// A date or time: `\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}:\d{2}`.
    nonisolated(unsafe) static let dateStartPattern = #/\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}:\d{2}/#

    /// Where the first date or time in `text` begins (what `dateStartPattern`
    /// finds first, written out: a pattern costs microseconds a call).
    static func dateStart(in text: String) -> String.Index? {
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) || text.unicodeScalars.contains(where: { $0.value >= 0xFF10 && $0.value <= 0xFF19 })
        else { return nil }
        let scalars = text.unicodeScalars
        let s = Array(scalars)
        func digit(_ i: Int) -> Bool { i < s.count && DateParser.digit(s[i]) != nil }
        func spaces(_ i: Int) -> Int {
            var j = i
            while j < s.count && s[j].properties.isWhitespace { j += 1 }
            return j
        }
        var at = scalars.startIndex
        for p in s.indices {
            defer { at = scalars.index(after: at) }
            guard digit(p) else { continue }
            if digit(p + 1) && digit(p + 2) && digit(p + 3) {
                let j = spaces(p + 4)
                if j < s.count, "-/.年".unicodeScalars.contains(s[j]), digit(spaces(j + 1)) { return at }
            }
            let colon = digit(p + 1) ? p + 2 : p + 1
            if colon < s.count, s[colon] == ":", digit(colon + 1), digit(colon + 2) { return at }
        }
        return nil
    }

    /// Names on a date line without labels: `新华网   2023-04-06`,
    /// `圆圆头  2024-05-08  圆圆头xmi微信公众号` (a publication wins over a name).
    static let roleMarks = ["[整理]", "[原创]", "[编译]", "[综合]", "(整理)", "(原创)", "(编译)", "(综合)"]

    /// The pieces of a line between spaces, tabs, bars and question-mark separators, split on the UTF-8.
    static func fields(_ n: String) -> [String] {
        var n = n
        return n.withUTF8 { u in
            var pieces = [String]()
            var start = 0
            var i = 0
            while i < u.count {
                let b = u[i]
                var width = 0
                if b == 0x20 || b == 0x7C || b == 0x09 || b == 0x3F {
                    width = 1
                } else if b == 0xEF, i + 2 < u.count, u[i + 1] == 0xBD, u[i + 2] == 0x9C {  // ｜
                    width = 3
                }
                if width > 0 {
                    if start < i { pieces.append(String(decoding: UnsafeBufferPointer(rebasing: u[start ..< i]), as: UTF8.self)) }
                    i += width
                    start = i
                } else {
                    i += 1
                }
            }
            if start < u.count { pieces.append(String(decoding: UnsafeBufferPointer(rebasing: u[start...]), as: UTF8.self)) }
            return pieces
        }
    }

    /// Called for a line that has a date (`DateParser.findInMetaLine`).
    mutating func readPlainFields(_ text: String, normalized n: String) {
        guard plain == nil else { return }
        let pieces = Self.fields(n)
        var names = [String]()
        var credited: String? = nil
        var afterPersonLabel = false
        for var piece in pieces {
            if afterPersonLabel { afterPersonLabel = false; continue }
            // "游民星空[整理]": a name with the role it played is the source, wherever it stands.
            if let close = piece.utf8.last, close == 0x5D || close == 0x29,
               let role = Self.roleMarks.first(where: { piece.hasByteSuffix($0) }), piece.count > role.count + 1 {
                piece = String(piece.dropLast(role.count))
                if credited == nil && piece.unicodeScalars.lazy.filter({ $0.properties.isAlphabetic }).count >= 2 { credited = piece }
            }
            if PageVocabulary.personLabels.contains(where: piece.sameBytes) { afterPersonLabel = true; continue }
            if Self.fieldLabelStarts.starts(piece) || piece.includes(":") || piece.includes("：") { continue }
            if piece.includes("/") || piece.hasBytePrefix("http") || piece.hasBytePrefix("www.") || piece.includes(".com") { continue }
            if piece.hasByteSuffix("报导") || piece.hasByteSuffix("报道") { continue }
            var letters = 0
            for c in piece.unicodeScalars where !c.isASCII && c.isLetter {
                letters += 1
                if letters == 2 { break }
            }
            guard letters >= 2, DateParser.find(in: piece) == nil, Self.dateStart(in: piece) == nil else { continue }
            if classifier.isWidget(piece) || piece.includes("广告") { continue }
            names.append(piece)
        }
        // A publication, else a name standing before the date ("新华网 2023-04-06"),
        // else one that names a publication with a qualifier ("东方财讯网综合").
        let dateAt = Self.dateStart(in: n) ?? n.startIndex
        let beforeDate = names.first { name in n.byteRange(of: name).map { $0.lowerBound < dateAt } ?? false }
        let qualified = names.first { isPublication(String($0.dropLast(2))) }
        guard let name = names.first(where: isPublication) ?? beforeDate ?? credited ?? qualified else { return }
        plain = original(text, n, name)
    }

    // MARK: Credits and attributions

    nonisolated(unsafe) static let reporter = #/[（(]\s*(?:[\p{Han}]{0,10})?记者\s*[:：]?\s*([^）)]{1,40})[）)]/#

    /// The names in a reporter's credit in parentheses (`（新华社记者 王明）` → 王明):
    /// what `reporter` captures, written out (a pattern costs microseconds a call).
    static func reporterName(in text: String) -> Substring? {
        guard text.includes("记者") else { return nil }
        // On scalars: the credit's characters are single scalars, and stepping
        // over characters costs a grapheme-break test each.
        let u = text.unicodeScalars
        let indices = Array(u.indices) + [u.endIndex]
        let s = Array(u)
        func spaces(_ i: Int) -> Int {
            var j = i
            while j < s.count, s[j].isWhiteSpace { j += 1 }
            return j
        }
        for p in s.indices where s[p] == "（" || s[p] == "(" {
            let q = spaces(p + 1)
            var han = 0
            while han < 10, q + han < s.count, HanScript.contains(s[q + han].value) { han += 1 }
            // The longest run of Han before 记者 wins, as the greedy pattern backtracks.
            for k in stride(from: han, through: 0, by: -1) where q + k + 1 < s.count && s[q + k] == "记" && s[q + k + 1] == "者" {
                let r = q + k + 2
                var g = spaces(r)
                if g < s.count, s[g] == ":" || s[g] == "：" { g = spaces(g + 1) }
                guard let close = s[r...].firstIndex(where: { $0 == "）" || $0 == ")" }) else { continue }
                // The names need a character: white space or a colon given back to them.
                if close == g && g > r { g -= 1 }
                if close - g >= 1 && close - g <= 40 { return text[indices[g] ..< indices[close]] }
            }
        }
        return nil
    }
    nonisolated(unsafe) static let parenthesised = #/^[(（]\s*(?:来源|稿源|本文转自|转自|本文来源|来自)?\s*[:：]?\s*[“"《]?([^()（）“”"》]{2,24})[”"》]?\s*[)）]$/#

    /// A credit or caption line: a reporter becomes the author, a publication in
    /// parentheses a source.
    mutating func readCredit(_ text: String, normalized n: String) {
        if author == nil, let name = Self.reporterName(in: n) { author = Self.names(original(text, n, String(name)), table) }
        let c = n.trimmingSpaces
        if let f = c.unicodeScalars.first, f == "(" || f == "（", c.count <= 30, let m = c.firstMatch(of: Self.parenthesised) {
            let value = String(m.1).trimmingSpaces
            if isPublication(value) || c.includes("来源") || c.includes("转自") { trailing = trailing ?? original(text, n, value) }
        }
    }

    nonisolated(unsafe) static let transferred = #/^(?:本文经?转授权自|本文经授权转自|本文经授权转载自|本文转载自|本文转自|转自|转载自|本文来自|文章转自)\s*[:：]?\s*[“"《]?([^“”"》,。]{2,30}?)[”"》]?\s*[。.]?$/#

    /// `转自:淄博日报`, `本文經轉授權自台灣好新聞`: the reprint origin; the line is
    /// not article text. True when the line was one.
    mutating func readAttribution(_ text: String, normalized n: String) -> Bool {
        // The first visible character decides before anything is copied.
        guard let f = n.unicodeScalars.first(where: { !$0.isWhiteSpace }), f == "本" || f == "转" || f == "文" else { return false }
        let c = n.trimmingSpaces
        guard c.count <= 45,
              let m = c.firstMatch(of: Self.transferred) else { return false }
        reprintOrigin = reprintOrigin ?? original(text, n, String(m.1)).trimmingSpaces
        return true
    }

    /// The bracketed group that ends `text` (after white space and a stray comma):
    /// the character offset of its opening bracket and what it holds, 1 to 40
    /// characters without brackets.
    static func trailingGroup(in text: Substring) -> (open: String.Index, inner: String)? {
        let u = text.unicodeScalars
        var end = u.endIndex
        func skipSpaces() {
            while end > u.startIndex, u[u.index(before: end)].isWhiteSpace { end = u.index(before: end) }
        }
        skipSpaces()
        if end > u.startIndex, u[u.index(before: end)] == "," || u[u.index(before: end)] == "，" { end = u.index(before: end) }
        skipSpaces()
        guard end > u.startIndex, isCloser(u[u.index(before: end)]) else { return nil }
        let close = u.index(before: end)
        var open = close
        var held = 0
        while true {
            guard open > u.startIndex else { return nil }
            open = u.index(before: open)
            let c = u[open]
            if c == "(" || c == "（" || c == "[" || c == "【" { break }
            if isCloser(c) { return nil }
            held += 1
        }
        guard held >= 1, held <= 40 else { return nil }
        let inner = text[u.index(after: open) ..< close].trimmingSpaces
        guard !inner.isEmpty else { return nil }
        return (open, inner)
    }

    static func isCloser(_ c: Unicode.Scalar) -> Bool { c == ")" || c == "）" || c == "]" || c == "】" }

    static let creditWords = WordSet(["记者", "通讯员", "编辑", "责编", "来源", "转自", "撰稿", "供稿", "整理", "编译"])

    /// The article without the credits at the ends of its paragraphs:
    /// `…(记者 徐勐)`, `…（責任編輯：…）`, `…(来源:人民网)`, `…(完)`, and at the
    /// article's end also names (`(刘蓉 万兴峰)`) and publications (`(证券时报)`).
    mutating func stripTrailingCredits(_ body: [String]) -> [String] {
        var body = body
        for i in body.indices.reversed() {
            let last = i == body.count - 1
            var text = body[i]
            while true {
                let scalars = text.unicodeScalars
                guard let l = scalars.last(where: { !$0.isWhiteSpace && $0 != "," && $0 != "，" }), Self.isCloser(l) else { break }
                // The group is found in the page's own characters (normalization may
                // change a paragraph's length: "…" becomes "..."); the tail only, a credit is short.
                guard let (keep, inner) = Self.trailingGroup(in: text.scalarSuffix(60)) else { break }
                let innerCompact = table.normalize(inner).withoutSpaces
                let isCredit = Self.creditWords.occurs(in: innerCompact)
                    || innerCompact.sameBytes("完") || innerCompact.sameBytes("全文完") || innerCompact.sameBytes("end")
                // Only the last paragraph ends with bare names or a publication (tested only when needed).
                let isSource = !isCredit && last && isPublication(innerCompact) && innerCompact.count <= 16
                guard isCredit || isSource || last && innerCompact.count <= 12
                        && inner.split(separator: " ").allSatisfy({ $0.count >= 2 && $0.count <= 4 && $0.allSatisfy { PageLine.isHan($0.unicodeScalars.first!.value) } })
                else { break }
                let credit = String(text[keep...])
                let creditNormalized = table.normalize(credit)
                if author == nil, let name = Self.reporterName(in: creditNormalized) {
                    author = Self.names(original(credit, creditNormalized, String(name)), table)
                }
                if isSource && !isCredit {
                    trailing = trailing ?? inner
                } else if innerCompact.hasBytePrefix("来源") || innerCompact.hasBytePrefix("转自") || innerCompact.hasBytePrefix("本文转自") {
                    let value = String(inner.drop { $0 != ":" && $0 != "：" && $0 != "“" && $0 != "\"" }.dropFirst())
                        .trimmingCharacters("”", "\"", " ").trimmingSpaces
                    if !value.isEmpty { trailing = trailing ?? value }
                }
                guard keep < text.endIndex else { break }  // always shrinks: no endless loop
                text = text[..<keep].trimmingSpaces
                if text.isEmpty { break }
            }
            if text.isEmpty { body.remove(at: i) } else { body[i] = text }
            // Credits sit at the ends of the last paragraphs; stop at the first plain one.
            if i < body.count - 3 { break }
        }
        return body
    }

    // MARK: The lead

    nonisolated(unsafe) static let innerAgency = #/[(（]([\p{Han}]{2,6}?社)记者[^()（）]{1,30}电[)）]/#
    nonisolated(unsafe) static let leadDate = #/^[【\[]?[^】\]]{0,12}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/#

    /// The first paragraph's dateline: a news agency as the source, a full date
    /// in a bracketed dateline as the date.
    ///
    /// Only the paragraph's first 60 characters are normalized (normalization
    /// maps each character alone, so they are the normalized paragraph's first
    /// 60); whether the whole paragraph keeps its length is counted without
    /// building it, and only when a part of the lead is taken.
    mutating func readLead(_ text: String) {
        var rawHead = text
        var n = text
        for take in [72, 240] {
            rawHead = String(text[..<text.scalarPrefixEnd(take)])
            n = table.normalize(rawHead)
            if n.utf8.scalarCount >= 60 || rawHead.utf8.count == text.utf8.count { break }
        }
        if n.utf8.scalarCount < 60 && rawHead.utf8.count < text.utf8.count {
            rawHead = text
            n = table.normalize(text)
        }
        let head = String(n[..<n.scalarPrefixEnd(60)])
        var keepsLength: Bool? = nil  // counted over the whole paragraph only when a part is taken
        func original(_ part: String) -> String {
            if keepsLength == nil { keepsLength = table.keepsScalarCount(text) }
            return self.original(rawHead, n, part, keepsLength: keepsLength!)
        }
        if lead == nil {
            if let agency = Self.innerAgency(in: head) {
                lead = original(String(agency))
            } else if let name = leadPublication(head) {
                lead = original(name)
            }
        }
        if date == nil, head.hasBytePrefix("【") || head.hasBytePrefix("["), let m = Self.leadDate(in: head) {
            date = DateParser.make(String(m.match), Int(m.year), Int(m.month), Int(m.day))
        }
        if author == nil, let name = Self.reporterName(in: head) {
            author = Self.names(original(String(name)), table)
        }
    }

    /// The agency in a reporter's dateline in parentheses (`（新华社记者王明北京电）`
    /// → 新华社): what `innerAgency` captures, written out (a pattern costs
    /// microseconds a call).
    static func innerAgency(in text: String) -> Substring? {
        guard text.includes("社记者") else { return nil }
        let u = text.unicodeScalars
        let indices = Array(u.indices) + [u.endIndex]
        let s = Array(u)
        func isParenthesis(_ c: Unicode.Scalar) -> Bool { c == "(" || c == ")" || c == "（" || c == "）" }
        for p in s.indices where s[p] == "(" || s[p] == "（" {
            var han = 0
            while han < 6, p + 1 + han < s.count, HanScript.contains(s[p + 1 + han].value) { han += 1 }
            // The shortest run of Han before 社记者 that completes the match wins, as the lazy pattern tries it first.
            for k in stride(from: 2, through: han, by: 1) {
                let agencyEnd = p + 1 + k
                guard agencyEnd + 2 < s.count, s[agencyEnd] == "社", s[agencyEnd + 1] == "记", s[agencyEnd + 2] == "者" else { continue }
                // Then 1 to 30 characters other than parentheses, 电, and a closing parenthesis: the first
                // parenthesis after 记者 must close the credit, right after its 电.
                let start = agencyEnd + 3
                guard let close = s[start...].firstIndex(where: isParenthesis), s[close] == ")" || s[close] == "）",
                      close - 1 > start, close - 1 - start <= 30, s[close - 1] == "电" else { continue }
                return text[indices[p + 1] ..< indices[agencyEnd + 1]]
            }
        }
        return nil
    }

    /// A full date near the start of a dateline (`【新华社北京2024年3月19日电】`):
    /// what `leadDate` matches and captures, written out.
    static func leadDate(in text: String) -> (match: Substring, year: Substring, month: Substring, day: Substring)? {
        let u = text.unicodeScalars
        let s = Array(u)
        let indices = Array(u.indices) + [u.endIndex]
        func digits(_ i: Int) -> Int {
            var j = i
            while j < s.count, s[j].value < 0x80 ? s[j].value >= 0x30 && s[j].value <= 0x39 : s[j].properties.generalCategory == .decimalNumber {
                j += 1
            }
            return j - i
        }
        func spaces(_ i: Int) -> Int {
            var j = i
            while j < s.count, s[j].isWhiteSpace { j += 1 }
            return j
        }
        // After an optional opening bracket, the year starts within 12 characters, none of them a closing bracket.
        let skipStart = s.first == "【" || s.first == "[" ? 1 : 0
        for j in skipStart ... skipStart + 12 {
            if j > skipStart, s[j - 1] == "】" || s[j - 1] == "]" { break }
            guard j < s.count else { break }
            guard digits(j) >= 4 else { continue }
            var i = spaces(j + 4)
            guard i < s.count, s[i] == "年" else { continue }
            i = spaces(i + 1)
            let month = i
            let monthDigits = digits(month)
            guard monthDigits == 1 || monthDigits == 2 else { continue }
            i = spaces(month + monthDigits)
            guard i < s.count, s[i] == "月" else { continue }
            let day = spaces(i + 1)
            let dayDigits = digits(day)
            guard dayDigits == 1 || dayDigits == 2 else { continue }
            i = spaces(day + dayDigits)
            guard i < s.count, s[i] == "日" else { continue }
            return (text[indices[0] ..< indices[i + 1]], text[indices[j] ..< indices[j + 4]],
                    text[indices[month] ..< indices[month + monthDigits]], text[indices[day] ..< indices[day + dayDigits]])
        }
        return nil
    }

    /// The publication opening a dateline: `【中新社武漢4月10日電】` → 中新社,
    /// `綿陽新聞網訊` → 綿陽新聞網, `人民網電(記者…)` → 人民網; not `本报讯`.
    func leadPublication(_ head: String) -> String? {
        let u = head.unicodeScalars
        var start = u.startIndex
        if let f = u.first, f == "【" || f == "[" || f == "(" || f == "（" { start = u.index(after: start) }
        // The run of letters that are not numerals; `ends[k]` is where its first k characters end.
        var ends = [start]
        var i = start
        while i < u.endIndex, u[i].isNameLetter {
            i = u.index(after: i)
            ends.append(i)
        }
        let count = ends.count - 1
        guard count >= 2 else { return nil }
        func name(_ k: Int) -> String { String(head[start ..< ends[k]]) }
        let run = name(count)
        guard !PageVocabulary.selfReferences.contains(where: { run.hasBytePrefix($0) }) else { return nil }
        // The dateline's word must follow soon: 电, 讯, 报导, 消息.
        let windowEnd = u.index(start, offsetBy: count + 24, limitedBy: u.endIndex) ?? u.endIndex
        guard Self.datelineWords.occurs(in: String(head[start ..< windowEnd])) else { return nil }
        for k in 2 ... min(count, 12) where Self.suffixEnds.contains(u[ends[k - 1]].value) && Self.isPublication(normalized: name(k)) {
            // "报导" and "报道" are a verb, not a newspaper: "有親中港媒報導稱…".
            if k < count, u[ends[k]] == "导" || u[ends[k]] == "道" { return nil }
            // The dateline's word follows within a place and a date, with no comma before it.
            var j = ends[k]
            var found = false
            for _ in 0 ..< 24 where j < u.endIndex {
                let c = u[j]
                if c == "电" || c == "讯" || c == "消" || c == "报" {
                    found = true
                    break
                }
                if c == "," { return nil }
                j = u.index(after: j)
            }
            guard found else { return nil }
            // Prefer the longer name when the next characters extend it: 香港新闻 → 香港新闻网.
            for longer in stride(from: min(count, k + 2), to: k, by: -1) where Self.isPublication(normalized: name(longer)) {
                return name(longer)
            }
            return name(k)
        }
        return nil
    }

    // MARK: Helpers

    func isPublication(_ name: String) -> Bool { Self.isPublication(normalized: table.normalize(name)) }

    /// The last characters of the publication suffixes: a quick test before the list.
    static let datelineWords = WordSet(["电", "讯", "报导", "报道", "消息"])

    static let suffixEnds: Set<UInt32> = Set(PageVocabulary.publicationSuffixes.compactMap { $0.unicodeScalars.last?.value })

    static func isPublication(normalized n: String) -> Bool {
        guard let last = n.unicodeScalars.last, suffixEnds.contains(last.value) else { return false }
        let count = n.unicodeScalars.count
        guard count >= 2, !PageVocabulary.selfReferences.contains(where: n.sameBytes) else { return false }
        return PageVocabulary.publicationSuffixes.contains { n.hasByteSuffix($0) && count > $0.unicodeScalars.count }
    }


    /// The names of a credit, without the roles after them: "徐勐 通讯员 高宁" → "徐勐".
    static func names(_ credit: String, _ table: CharacterTable) -> String? {
        // One name, or names run together: the credit itself unless it is a role.
        if !credit.utf8.contains(0x20) && !credit.includes("\u{3000}") {
            return credit.isEmpty || roles.contains(where: table.normalize(credit).sameBytes) ? nil : credit
        }
        let names = credit.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" })
            .prefix { piece in !roles.contains(where: table.normalize(String(piece)).sameBytes) }
            .joined(separator: " ")
        return names.isEmpty ? nil : names
    }

    /// Roles that end the names in a credit.
    static let roles = ["通讯员", "实习生", "摄影", "编辑", "摄"]

    /// The part of `text` that `part` of its normalization `n` covers: the page's
    /// own characters when normalization kept the length, else `part` itself.
    ///
    /// Lengths and offsets are in scalars, which normalization maps one to one
    /// or expands; counting characters would cost a grapheme-break test each.
    func original(_ text: String, _ n: String, _ part: String) -> String {
        original(text, n, part, keepsLength: text.utf8.scalarCount == n.utf8.scalarCount)
    }

    /// `original` for a prefix `text` of a paragraph and its normalization `n`,
    /// told whether the whole paragraph keeps its length.
    func original(_ text: String, _ n: String, _ part: String, keepsLength: Bool) -> String {
        guard keepsLength, let r = n.byteRange(of: part) else { return part }
        let start = n.unicodeScalars.distance(from: n.startIndex, to: r.lowerBound)
        let s = text.unicodeScalars.index(text.startIndex, offsetBy: start)
        return String(text.unicodeScalars[s ..< text.unicodeScalars.index(s, offsetBy: part.utf8.scalarCount)])
    }
}
