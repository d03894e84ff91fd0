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

    /// Counts the distinct short lines of one page (split as the extractor splits them).
    public mutating func add(page text: String) {
        pages += 1
        var seen = Set<UInt64>()
        for line in PageExtractor.lines(text) {
            guard let key = Self.key(line) else { continue }
            if seen.insert(key).inserted { counts[key, default: 0] += 1 }
        }
    }

    /// Whether a line (as the page has it) is furniture.
    public func contains(_ line: String) -> Bool {
        guard pages >= Self.minPages, let key = Self.key(Substring(line)), let n = counts[key] else { return false }
        return Int(n) >= Self.minPages && Int(n) * 4 >= pages
    }

    /// A hash of the line without white space; nil for blank or long lines.
    /// Reads the UTF-8 directly: every line of every page of a folder passes here.
    static func key(_ line: Substring) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        let u = line.utf8
        var i = u.startIndex
        while i != u.endIndex {
            let b = u[i]
            var v = UInt32(b)
            var width = 1
            if b >= 0xF0 {
                width = 4; v = UInt32(b & 0x07)
            } else if b >= 0xE0 {
                width = 3; v = UInt32(b & 0x0F)
            } else if b >= 0xC0 {
                width = 2; v = UInt32(b & 0x1F)
            }
            i = u.index(after: i)
            for _ in 1 ..< width where i != u.endIndex {
                v = v << 6 | UInt32(u[i] & 0x3F)
                i = u.index(after: i)
            }
            if isWhiteSpace(v) { continue }
            length += 1
            if length > maxLength { return nil }
            for _ in 0 ..< 3 { h = (h ^ UInt64(v & 0xFF)) &* 0x100_0000_01b3; v >>= 8 }
        }
        return length == 0 ? nil : h
    }

    /// Unicode's White_Space property.
    @inline(__always) static func isWhiteSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }
}
