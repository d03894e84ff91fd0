/// Lines that repeat across many pages of one site: navigation, slogans,
/// widget rows and footers that the rules may not know. A second signal beside
/// the line rules, available when a folder holds several pages of one site.
///
/// A line is furniture when at least `minPages` pages, and at least a quarter
/// of the pages seen, carry it. Article paragraphs are long and differ from page
/// to page; only lines of up to `maxLength` characters are counted, so a story
/// reprinted on two pages of the folder is never taken for furniture.
public struct SiteFurniture: Sendable {
    public static let minPages = 3
    public static let maxLength = 80

    private var counts: [UInt64: Int32] = [:]
    public private(set) var pages = 0

    public init() {}

    /// Counts the distinct short lines of one page.
    public mutating func add(page text: String) {
        pages += 1
        var seen = Set<UInt64>()
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            guard let key = Self.key(line) else { continue }
            if seen.insert(key).inserted { counts[key, default: 0] += 1 }
        }
    }

    /// Whether a line (as the page has it) is furniture.
    public func contains(_ line: some StringProtocol) -> Bool {
        guard pages >= Self.minPages, let key = Self.key(line), let n = counts[key] else { return false }
        return Int(n) >= Self.minPages && Int(n) * 4 >= pages
    }

    /// A hash of the line without white space; nil for blank or long lines.
    static func key(_ line: some StringProtocol) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        for scalar in line.unicodeScalars where !scalar.properties.isWhitespace {
            length += 1
            if length > maxLength { return nil }
            var v = scalar.value
            for _ in 0 ..< 3 { h = (h ^ UInt64(v & 0xFF)) &* 0x100_0000_01b3; v >>= 8 }
        }
        return length == 0 ? nil : h
    }
}
