#if canImport(Glibc)
import Glibc
#endif

/// One line of JSON Lines input. Known fields are type-checked (a wrong type is
/// reported with the field's name); unknown fields (`category` …) are ignored, but
/// those that may hold the headline are remembered (`unreadTitleFields`), so that a
/// record without a title can say where its headline probably is. `headline` is read
/// as a synonym of `title` when it is a string (the title wins when both are given).
/// `region`, `industry` and `labels` may be a string or an array of strings.
/// `html` is a whole web page (crawlers that ship pages in a feed): read when
/// there is no `body`, the record's own fields winning over the page's.
struct JSONRecord {
    var id: String?
    var title: String?
    var headline: String?
    /// Names of string fields, not read, that look like a headline's (`summary_title`,
    /// `Title`, `subject`, `name` …; see `mayHoldTitle`), and `headline` when it is not a
    /// string, in the record's order.
    var unreadTitleFields: [String] = []
    var body: String?
    var date: String?
    var source: String?
    var url: String?
    var html: String?
    var region: [String] = []
    var industry: [String] = []
    var labels: [String] = []

    struct FieldError: Error, CustomStringConvertible {
        var field: String
        var expected: String
        var description: String { "field \"\(field)\" must be \(expected)" }
    }
}

extension JSONRecord {
    enum SyntaxError: Error {
        case notAnObject
        case malformed
    }

    /// Parses one JSON Lines record from valid UTF-8 (the ingestor checks it first).
    /// A hand-written reader: the records are flat, and this is the reading
    /// thread's main work while the indexing threads analyze.
    init(json bytes: UnsafeBufferPointer<UInt8>) throws {
        var p = JSONScanner(bytes: bytes)
        p.skipSpace()
        guard p.peek == UInt8(ascii: "{") else {
            if p.peek == nil { throw SyntaxError.malformed }
            // Any other valid value is not an object; invalid text is malformed.
            _ = try p.value()
            p.skipSpace()
            guard p.atEnd else { throw SyntaxError.malformed }
            throw SyntaxError.notAnObject
        }
        p.i += 1
        p.skipSpace()
        if p.peek == UInt8(ascii: "}") {
            p.i += 1
        } else {
            while true {
                p.skipSpace()
                guard p.peek == UInt8(ascii: "\"") else { throw SyntaxError.malformed }
                let key = try p.string()
                p.skipSpace()
                guard p.peek == UInt8(ascii: ":") else { throw SyntaxError.malformed }
                p.i += 1
                p.skipSpace()
                let v = try p.value()
                try assign(key, v)
                p.skipSpace()
                if p.peek == UInt8(ascii: ",") { p.i += 1; continue }
                guard p.peek == UInt8(ascii: "}") else { throw SyntaxError.malformed }
                p.i += 1
                break
            }
        }
        p.skipSpace()
        guard p.atEnd else { throw SyntaxError.malformed }
    }

    private mutating func assign(_ key: String, _ v: JSONScanner.Value) throws {
        func string() throws -> String? {
            switch v {
            case .null: return nil
            case let .string(s): return s
            default: throw FieldError(field: key, expected: "a string")
            }
        }
        func strings() throws -> [String] {
            switch v {
            case .null: return []
            case let .string(s): return s.isEmpty ? [] : [s]
            case let .array(items):
                var out = [String]()
                for item in items {
                    guard case let .string(s) = item else { throw FieldError(field: key, expected: "a string or an array of strings") }
                    if !s.isEmpty { out.append(s) }
                }
                return out
            default: throw FieldError(field: key, expected: "a string or an array of strings")
            }
        }
        switch key {
        case "id":
            switch v {
            case .null: id = nil
            case let .string(s): id = s
            case let .number(n):
                guard let i = Int64(n) else { throw FieldError(field: "id", expected: "a string or an integer") }
                id = String(i)
            default: throw FieldError(field: "id", expected: "a string or an integer")
            }
        case "title": title = try string()
        case "body": body = try string()
        case "date": date = try string()
        case "source": source = try string()
        case "url": url = try string()
        case "html": html = try string()
        case "region": region = try strings()
        case "industry": industry = try strings()
        case "labels": labels = try strings()
        case "headline":
            // Not a string (an object of parts, as some APIs give): not read, and no error.
            switch v {
            case let .string(s): headline = s
            case .null: break
            default: unreadTitleFields.append(key)
            }
        default:
            if case let .string(s) = v, !s.isEmpty, Self.mayHoldTitle(key) { unreadTitleFields.append(key) }
        }
    }

    /// Whether a field of this name may hold the headline: its name contains `title`,
    /// `headline` or `heading` (any case), or is `subject` or `name`.
    static func mayHoldTitle(_ key: String) -> Bool {
        let k = key.lowercased()
        return k.contains("title") || k.contains("headline") || k.contains("heading") || k == "subject" || k == "name"
    }
}

/// A minimal JSON reader over UTF-8 bytes.
struct JSONScanner {
    enum Value {
        case string(String)
        case number(String)
        case bool
        case null
        case array([Value])
        case object
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }
    var atEnd: Bool { i >= bytes.count }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    mutating func value(depth: Int = 0) throws -> Value {
        guard depth < 64, let c = peek else { throw JSONRecord.SyntaxError.malformed }
        switch c {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"):
            i += 1
            skipSpace()
            if peek == UInt8(ascii: "}") { i += 1; return .object }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw JSONRecord.SyntaxError.malformed }
                _ = try string()
                skipSpace()
                guard peek == UInt8(ascii: ":") else { throw JSONRecord.SyntaxError.malformed }
                i += 1
                skipSpace()
                _ = try value(depth: depth + 1)
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                guard peek == UInt8(ascii: "}") else { throw JSONRecord.SyntaxError.malformed }
                i += 1
                return .object
            }
        case UInt8(ascii: "["):
            i += 1
            var items = [Value]()
            skipSpace()
            if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                guard peek == UInt8(ascii: "]") else { throw JSONRecord.SyntaxError.malformed }
                i += 1
                return .array(items)
            }
        case UInt8(ascii: "t"): try literal("true"); return .bool
        case UInt8(ascii: "f"): try literal("false"); return .bool
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            let start = i
            if peek == UInt8(ascii: "-") { i += 1 }
            guard let d = peek, d >= 0x30 && d <= 0x39 else { throw JSONRecord.SyntaxError.malformed }
            while let d = peek, (d >= 0x30 && d <= 0x39) || d == UInt8(ascii: ".") || d == UInt8(ascii: "e") || d == UInt8(ascii: "E")
                || d == UInt8(ascii: "+") || d == UInt8(ascii: "-") { i += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< i]), as: UTF8.self)
            guard Double(text) != nil else { throw JSONRecord.SyntaxError.malformed }
            return .number(text)
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count, memcmp(bytes.baseAddress! + i, word.utf8Start, n) == 0 else { throw JSONRecord.SyntaxError.malformed }
        i += n
    }

    /// A string starting at the opening quote.
    mutating func string() throws -> String {
        i += 1
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") && bytes[i] != UInt8(ascii: "\\") && bytes[i] >= 0x20 { i += 1 }
        guard i < bytes.count else { throw JSONRecord.SyntaxError.malformed }
        if bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< i]), as: UTF8.self)
        }
        // Escapes (or a raw control character, which JSON forbids).
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start ..< i]))
        while true {
            guard i < bytes.count else { throw JSONRecord.SyntaxError.malformed }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            guard c >= 0x20 else { throw JSONRecord.SyntaxError.malformed }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            guard i + 1 < bytes.count else { throw JSONRecord.SyntaxError.malformed }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate: a low one must follow, else the lone half becomes U+FFFD and
                    // whatever follows is read on its own (`\ud800\u4e2d` is U+FFFD then 中).
                    let high = scalar
                    scalar = 0xFFFD
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        let next = i
                        i += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 { scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00) } else { i = next }
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default: throw JSONRecord.SyntaxError.malformed
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw JSONRecord.SyntaxError.malformed }
        var v: UInt32 = 0
        for k in 0 ..< 4 {
            let c = bytes[i + k]
            let d: UInt32
            switch c {
            case 0x30 ... 0x39: d = UInt32(c - 0x30)
            case 0x41 ... 0x46: d = UInt32(c - 0x41 + 10)
            case 0x61 ... 0x66: d = UInt32(c - 0x61 + 10)
            default: throw JSONRecord.SyntaxError.malformed
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }
}
