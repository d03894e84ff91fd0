/// Finds dates written the ways Chinese portals write them:
/// `2024-03-19`, `2024/3/19`, `2024.03.19`, `2024年3月19日`, and `3月19日`
/// (the year then comes from context). Full-width digits are accepted.
public enum DateParser {
    public enum Match: Equatable, Sendable {
        case day(Day)
        /// A date-shaped string that names no real day (`2024-02-30`).
        case impossible(String)
    }

    nonisolated(unsafe) static let numeric = #/(?:^|\D)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/#
    nonisolated(unsafe) static let chinese = #/(?:^|\D)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/#
    nonisolated(unsafe) static let monthDay = #/(?:^|\D)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/#
    /// `2024 03-20`: a year, a space, then month-day.
    nonisolated(unsafe) static let yearSpaced = #/(?:^|\D)(\d{4})\s+(\d{1,2})-(\d{1,2})(?![\d-])/#
    /// `28.09.2015`, `18-10-2023`, `30/01/2018`: day first, as Hong Kong and European pages write it.
    nonisolated(unsafe) static let dayFirst = #/(?:^|\D)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)/#
    /// `20230808`: eight digits, only where a date is expected (a meta line).
    nonisolated(unsafe) static let compactDigits = #/(?:^|\D)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)/#
    /// `02-06` after a date label: month and day, the year from context.
    nonisolated(unsafe) static let numericMonthDay = #/^(\d{1,2})[-/.](\d{1,2})(?![\d.-])/#
    nonisolated(unsafe) static let year = #/(?:^|\D)(19[89]\d|20\d\d)(?!\d)/#

    /// The first date in `text`. `contextYear` completes a bare `3月19日`.
    ///
    /// Scans digit runs by hand (the patterns above say what it accepts): the
    /// date that starts first wins; at one start, `2024-03-19`, then `2024年3月19日`,
    /// then `2024 03-20`, then `28.09.2015`. `3月19日` only when nothing else is found.
    ///
    /// - Complexity: O(n).
    public static func find(in text: String, contextYear: Int? = nil) -> Match? {
        if let iso = leadingISODate(text) { return iso }
        let s = Array(text.unicodeScalars)
        var monthDay: Match? = nil
        var i = 0
        while i < s.count {
            guard digit(s[i]) != nil, i == 0 || digit(s[i - 1]) == nil else { i += 1; continue }
            if let m = yearFirst(s, i)?.0 ?? dayFirstDate(s, i) { return m }
            if monthDay == nil, let y = contextYear, let (month, day, end) = chineseMonthDay(s, i) {
                monthDay = make(raw(s, i, end), y, month, day)
            }
            i += 1
        }
        return monthDay
    }

    /// Whether `text` begins with a full date (`2024-03-19`, `2024年3月`) or a time
    /// (`09:12`): a date line, not navigation or prose.
    public static func startsWithDateOrTime(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars.prefix(12))
        var i = 0
        while i < s.count && s[i].properties.isWhitespace { i += 1 }
        guard let (_, afterYear) = number(s, i, max: 4) else { return false }
        if afterYear - i == 4 {
            let j = spaces(s, afterYear)
            return j < s.count && "-/.年".unicodeScalars.contains(s[j]) && digit(s[spaces(s, j + 1) < s.count ? spaces(s, j + 1) : j]) != nil
        }
        return afterYear - i <= 2 && afterYear + 2 < s.count && s[afterYear] == ":" && digit(s[afterYear + 1]) != nil && digit(s[afterYear + 2]) != nil
    }

    /// A date at the very start of `text` (after an optional `date`, `time`, `日期`
    /// or `时间` label), with an optional time: the match and the number of
    /// characters it takes, spaces after it included.
    public static func leadingDate(_ text: String) -> (Match, Int)? {
        let s = Array(text.unicodeScalars)
        var i = spaces(s, 0)
        for label in ["date", "time", "日期", "时间"] {
            let l = Array(label.unicodeScalars)
            if s.count >= i + l.count && Array(s[i ..< i + l.count]) == l { i = spaces(s, i + l.count); break }
        }
        if i < s.count, s[i] == ":" || s[i] == "：" { i = spaces(s, i + 1) }
        guard i < s.count, digit(s[i]) != nil, let (m, dateEnd) = yearFirst(s, i) else { return nil }
        var end = dateEnd
        // An optional time: 09:12 or 09:12:30.
        var j = spaces(s, end)
        if let (_, afterHour) = number(s, j, max: 2), afterHour < s.count, s[afterHour] == ":",
           let (_, afterMinute) = number(s, afterHour + 1, max: 2), afterMinute - afterHour == 3 {
            j = afterMinute
            if j < s.count, s[j] == ":", let (_, afterSecond) = number(s, j + 1, max: 2) { j = afterSecond }
            end = j
        }
        // Text glued to the date ("2017年9月9日下午4点") is a sentence that begins with it.
        let after = spaces(s, end)
        guard after > end || after == s.count else { return nil }
        return (m, after)
    }

    /// A decimal digit's value, ASCII or full-width.
    @inline(__always) static func digit(_ c: Unicode.Scalar) -> Int? {
        let v = c.value
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
        if v >= 0xFF10 && v <= 0xFF19 { return Int(v - 0xFF10) }
        return nil
    }

    /// The number of 1 to `max` digits at `i`, and where it ends.
    static func number(_ s: [Unicode.Scalar], _ i: Int, max: Int) -> (Int, Int)? {
        var v = 0
        var j = i
        while j < s.count, j - i < max, let d = digit(s[j]) { v = v * 10 + d; j += 1 }
        return j > i ? (v, j) : nil
    }

    static func spaces(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        var j = i
        while j < s.count && s[j].properties.isWhitespace { j += 1 }
        return j
    }

    static func raw(_ s: [Unicode.Scalar], _ from: Int, _ to: Int) -> String {
        String(scalars: s[from ..< to])
    }

    /// `2024-03-19`, `2024/3/19`, `2024.03.19`, `2024年3月19日`, `2024 03-20` at `i`.
    static func yearFirst(_ s: [Unicode.Scalar], _ i: Int) -> (Match, Int)? {
        guard let (year, afterYear) = number(s, i, max: 4), afterYear - i == 4, afterYear >= s.count || digit(s[afterYear]) == nil else { return nil }
        let j = spaces(s, afterYear)
        guard j < s.count else { return nil }
        let sep = s[j]
        if sep == "-" || sep == "/" || sep == "." {
            let k = spaces(s, j + 1)
            if let (month, afterMonth) = number(s, k, max: 2) {
                let l = spaces(s, afterMonth)
                if l < s.count, s[l] == "-" || s[l] == "/" || s[l] == ".", let (day, afterDay) = number(s, spaces(s, l + 1), max: 2),
                   afterDay >= s.count || digit(s[afterDay]) == nil {
                    return (make(raw(s, i, afterDay), year, month, day), afterDay)
                }
            }
        } else if sep == "年" {
            if let (month, afterMonth) = number(s, spaces(s, j + 1), max: 2) {
                let l = spaces(s, afterMonth)
                if l < s.count, s[l] == "月", let (day, afterDay) = number(s, spaces(s, l + 1), max: 2) {
                    var end = afterDay
                    let e = spaces(s, afterDay)
                    if e < s.count, s[e] == "日" || s[e] == "号" { end = e + 1 }
                    return (make(raw(s, i, end), year, month, day), end)
                }
            }
        }
        // "2024 03-20": a space, then month-day with a hyphen.
        if j > afterYear, let (month, afterMonth) = number(s, j, max: 2), afterMonth < s.count, s[afterMonth] == "-",
           let (day, afterDay) = number(s, afterMonth + 1, max: 2),
           afterDay >= s.count || (digit(s[afterDay]) == nil && s[afterDay] != "-") {
            return (make(raw(s, i, afterDay), year, month, day), afterDay)
        }
        return nil
    }

    /// `28.09.2015`, `18-10-2023`, `30/01/2018` at `i`.
    static func dayFirstDate(_ s: [Unicode.Scalar], _ i: Int) -> Match? {
        guard let (day, afterDay) = number(s, i, max: 2), afterDay < s.count, s[afterDay] == "-" || s[afterDay] == "/" || s[afterDay] == ".",
              let (month, afterMonth) = number(s, afterDay + 1, max: 2), afterMonth < s.count,
              s[afterMonth] == "-" || s[afterMonth] == "/" || s[afterMonth] == ".",
              let (year, afterYear) = number(s, afterMonth + 1, max: 4), afterYear - afterMonth - 1 == 4,
              afterYear >= s.count || digit(s[afterYear]) == nil,
              year >= 1900  // `18-03-0823:16` is a two-digit year with a time glued on, not a day first
        else { return nil }
        return make(raw(s, i, afterYear), year, month, day)
    }

    /// `3月19日` at `i`: month, day and where it ends.
    static func chineseMonthDay(_ s: [Unicode.Scalar], _ i: Int) -> (Int, Int, Int)? {
        guard let (month, afterMonth) = number(s, i, max: 2) else { return nil }
        let l = spaces(s, afterMonth)
        guard l < s.count, s[l] == "月", let (day, afterDay) = number(s, spaces(s, l + 1), max: 2) else { return nil }
        let e = spaces(s, afterDay)
        guard e < s.count, s[e] == "日" || s[e] == "号" else { return nil }
        return (month, day, e + 1)
    }

    /// The first date in a line known to carry one (a date/source line): also
    /// eight digits (`20230808`), and month-day alone (`02-06`) after a date label.
    public static func findInMetaLine(_ text: String, contextYear: Int?) -> Match? {
        if let m = find(in: text, contextYear: contextYear) { return m }
        let text = asciiDigits(text)
        if let (y, m, d) = compactDate(in: text), case .day(let day) = make("", y, m, d) {
            return .day(day)
        }
        guard let y = contextYear else { return nil }
        for label in ["日期", "时间", "發布", "发布"] {
            guard let r = text.range(of: label) else { continue }
            var rest = text[r.upperBound...].drop { $0 == ":" || $0 == "：" || $0 == " " }
            rest = rest.prefix(8)
            if let (raw, month, day) = leadingMonthDay(rest) { return make(raw, y, month, day) }
        }
        return nil
    }

    /// `2024-03-19` (or with `/` or `.`) at the very start and not followed by a digit, as
    /// JSON dates are written: what the patterns below would find, without running them
    /// (they cost 2 % of indexing JSON Lines).
    static func leadingISODate(_ text: String) -> Match? {
        var text = text
        return text.withUTF8 { u in
            let n = min(u.count, 11)
            guard n >= 10, u[0] >= 0x30 && u[0] <= 0x39 else { return nil }
            func digits(_ r: Range<Int>) -> Int? {
                var v = 0
                for i in r {
                    guard u[i] >= 0x30 && u[i] <= 0x39 else { return nil }
                    v = v * 10 + Int(u[i] - 0x30)
                }
                return v
            }
            func separator(_ b: UInt8) -> Bool { b == 0x2D || b == 0x2F || b == 0x2E }  // - / .
            guard let y = digits(0 ..< 4), separator(u[4]), let m = digits(5 ..< 7), separator(u[7]), let d = digits(8 ..< 10),
                  n == 10 || digits(10 ..< 11) == nil else { return nil }
            return make(String(decoding: UnsafeBufferPointer(rebasing: u[0 ..< 10]), as: UTF8.self), y, m, d)
        }
    }

    /// The first plausible year (1980–2099) in `text`, e.g. from a path like `2024-03-19-news.txt`.
    public static func year(in text: String) -> Int? {
        var found: Int? = nil
        forEachDigitRun(in: text) { run in
            guard run.count == 4, run[0] == 0x31 && run[1] == 0x39 && (run[2] == 0x38 || run[2] == 0x39) || run[0] == 0x32 && run[1] == 0x30
            else { return true }
            found = value(run[...])  // nil when a full-width digit is in it, as Int() of the match says
            return false
        }
        return found
    }

    /// The first run of exactly eight digits that begins with 19 or 20, as year,
    /// month and day (`20230808`; `compactDigits` says the same). A run with
    /// full-width digits in it is found but has no values.
    static func compactDate(in text: String) -> (Int?, Int?, Int?)? {
        var found: (Int?, Int?, Int?)? = nil
        forEachDigitRun(in: text) { run in
            guard run.count == 8, run[0] == 0x31 && run[1] == 0x39 || run[0] == 0x32 && run[1] == 0x30 else { return true }
            found = (value(run[0 ..< 4]), value(run[4 ..< 6]), value(run[6 ..< 8]))
            return false
        }
        return found
    }

    /// Calls `body` with the scalar values of each maximal run of digits (ASCII
    /// or full-width) in `text`, in order, until it returns false. A scan: the
    /// patterns it replaces cost microseconds a call.
    static func forEachDigitRun(in text: String, _ body: ([UInt32]) -> Bool) {
        var run = [UInt32]()
        for scalar in text.unicodeScalars {
            if digit(scalar) != nil {
                run.append(scalar.value)
            } else if !run.isEmpty {
                if !body(run) { return }
                run.removeAll(keepingCapacity: true)
            }
        }
        if !run.isEmpty { _ = body(run) }
    }

    /// The number an all-ASCII run of digits spells; nil when it holds another digit.
    static func value(_ digits: ArraySlice<UInt32>) -> Int? {
        var v = 0
        for d in digits {
            guard d >= 0x30 && d <= 0x39 else { return nil }
            v = v * 10 + Int(d - 0x30)
        }
        return v
    }

    /// `02-06` at the start of `text`: month and day of one or two digits, not
    /// followed by a digit, `.` or `-` (`numericMonthDay` says the same).
    static func leadingMonthDay(_ text: Substring) -> (String, Int?, Int?)? {
        let s = Array(text.unicodeScalars.prefix(8))
        func run(_ i: Int) -> Int {
            var j = i
            while j < s.count, digit(s[j]) != nil { j += 1 }
            return j - i
        }
        let m = run(0)
        guard (1 ... 2).contains(m), m < s.count, s[m] == "-" || s[m] == "/" || s[m] == "." else { return nil }
        let d = run(m + 1)
        let end = m + 1 + d
        guard (1 ... 2).contains(d), end >= s.count || (s[end] != "." && s[end] != "-") else { return nil }
        let values = s.map(\.value)
        return (raw(s, 0, end), value(values[0 ..< m]), value(values[(m + 1) ..< end]))
    }

    static func make(_ raw: String, _ y: Int?, _ m: Int?, _ d: Int?) -> Match {
        guard let y, let m, let d, let day = Day(year: y, month: m, day: d) else { return .impossible(raw) }
        return .day(day)
    }

    /// Full-width digits to ASCII, so that `２０２４年` parses.
    static func asciiDigits(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0xFF10 && $0.value <= 0xFF19 }) else { return text }
        return String(scalars: text.unicodeScalars.map {
            $0.value >= 0xFF10 && $0.value <= 0xFF19 ? Unicode.Scalar($0.value - 0xFF10 + 0x30)! : $0
        })
    }
}
