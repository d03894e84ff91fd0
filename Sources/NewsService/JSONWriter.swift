/// Writes JSON into a byte buffer by hand: the service's answers are a few known shapes, and
/// writing them straight is several times faster than building `Encodable` values for
/// Foundation's `JSONEncoder` on every request.
///
/// Strings are escaped for JSON and, beyond that, `<`, `>`, `&` and U+2028/2029 as `\u…`, so
/// that an answer stays inert even where something reads it as HTML or script.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current object or array needs a comma before it.
    private var needsComma = false

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// A member's name; its value follows.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// A member's name that is data (a dimension's name in a row).
    mutating func key(dynamic name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ s: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00 ..< 0x20, 0x3C, 0x3E, 0x26, 0x2028, 0x2029: unicodeEscape(scalar.value)
            default: UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }

    mutating func int(_ n: Int) { separate(); bytes.append(contentsOf: String(n).utf8); needsComma = true }

    /// A finite number with at most `digits` decimals (no trailing zeros); null when not finite.
    mutating func number(_ x: Double, digits: Int = 4) {
        guard x.isFinite else { return null() }
        separate()
        var scale = 1.0
        for _ in 0 ..< digits { scale *= 10 }
        let rounded = (x * scale).rounded()
        if abs(rounded) < 9e15 {
            let whole = Int(rounded)
            let sign = whole < 0 ? "-" : ""
            let magnitude = whole.magnitude
            let integer = magnitude / UInt(scale), fraction = magnitude % UInt(scale)
            var text = sign + String(integer)
            if fraction > 0 {
                var f = String(fraction)
                f = String(repeating: "0", count: digits - f.count) + f
                while f.hasSuffix("0") { f.removeLast() }
                text += "." + f
            }
            bytes.append(contentsOf: text.utf8)
        } else {
            bytes.append(contentsOf: String(x).utf8)
        }
        needsComma = true
    }

    mutating func bool(_ b: Bool) { separate(); bytes.append(contentsOf: (b ? "true" : "false").utf8); needsComma = true }
    mutating func null() { separate(); bytes.append(contentsOf: "null".utf8); needsComma = true }

    /// `[[start, end], …]`: ranges of Unicode scalar offsets.
    mutating func ranges(_ ranges: [Range<Int>]) {
        beginArray()
        for r in ranges {
            beginArray()
            int(r.lowerBound)
            int(r.upperBound)
            endArray()
        }
        endArray()
    }

    private mutating func separate() { if needsComma { bytes.append(UInt8(ascii: ",")) } }

    private mutating func unicodeEscape(_ v: UInt32) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in [12, 8, 4, 0] { bytes.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }
}
