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
    nonisolated(unsafe) static let year = #/(?:^|\D)(19[89]\d|20\d\d)(?!\d)/#

    /// The first date in `text`. `contextYear` completes a bare `3月19日`.
    public static func find(in text: String, contextYear: Int? = nil) -> Match? {
        let text = asciiDigits(text)
        var best: (String.Index, Match)? = nil
        for pattern in [numeric, chinese] {
            if let m = text.firstMatch(of: pattern), best == nil || m.range.lowerBound < best!.0 {
                best = (m.range.lowerBound, make(String(m.0), Int(m.1), Int(m.2), Int(m.3)))
            }
        }
        if let best { return best.1 }
        if let m = text.firstMatch(of: monthDay), let y = contextYear {
            return make(String(m.0), y, Int(m.1), Int(m.2))
        }
        return nil
    }

    /// The first plausible year (1980–2099) in `text`, e.g. from a path like `2024-03-19-news.txt`.
    public static func year(in text: String) -> Int? {
        text.firstMatch(of: year).flatMap { Int($0.1) }
    }

    static func make(_ raw: String, _ y: Int?, _ m: Int?, _ d: Int?) -> Match {
        guard let y, let m, let d, let day = Day(year: y, month: m, day: d) else { return .impossible(raw) }
        return .day(day)
    }

    /// Full-width digits to ASCII, so that `２０２４年` parses.
    static func asciiDigits(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0xFF10 && $0.value <= 0xFF19 }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value >= 0xFF10 && $0.value <= 0xFF19 ? Unicode.Scalar($0.value - 0xFF10 + 0x30)! : $0
        }))
    }
}
