import CICU

/// Charset detection and conversion to Unicode, through ICU.
public enum Charset {
    /// ICU's best guess for the charset of `bytes` and its confidence (0…100),
    /// or nil when nothing matched.
    public static func detect(_ bytes: UnsafeRawBufferPointer) -> (name: String, confidence: Int)? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var name = [CChar](repeating: 0, count: 64)
        var confidence: Int32 = 0
        var status: Int32 = 0
        let sample = min(bytes.count, 1 << 20)  // the detector needs a sample, not a whole book
        let found = nx_charset_detect(base.assumingMemoryBound(to: CChar.self), Int32(sample), &name, 64, &confidence, &status)
        guard found != 0, status <= 0 else { return nil }
        return (String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), Int(confidence))
    }

    /// The outcome of a conversion: the text, or the byte offset of the first
    /// sequence that is not valid in the charset.
    public enum Decoded: Equatable, Sendable {
        case text(String)
        case invalid(offset: Int)
    }

    /// Converts `bytes` from `charset` (an ICU converter name: "GB18030", "Big5",
    /// "UTF-16LE", …). Under `lenient`, undecodable bytes become U+FFFD instead.
    /// - Throws: `TextError.icu` when ICU has no converter of that name.
    public static func decode(_ bytes: UnsafeRawBufferPointer, charset: String, lenient: Bool = false) throws -> Decoded {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .text("") }
        let src = base.assumingMemoryBound(to: CChar.self)
        var capacity = bytes.count + 16
        while true {
            var units = [UInt16](repeating: 0, count: capacity)
            var errorOffset: Int32 = -1
            var status: Int32 = 0
            let needed = units.withUnsafeMutableBufferPointer {
                nx_convert_to_utf16(charset, src, Int32(bytes.count), $0.baseAddress, Int32(capacity), lenient ? 1 : 0, &errorOffset, &status)
            }
            if errorOffset >= 0 { return .invalid(offset: Int(errorOffset)) }
            if status == 2 || status == 4 {  // U_FILE_ACCESS_ERROR / U_FILE_ACCESS: no such converter
                throw TextError.icu(call: "ucnv_open(\(charset))", code: "unknown charset")
            }
            try ICU.check(status, "ucnv_toUnicode(\(charset))")
            if Int(needed) > capacity { capacity = Int(needed); continue }
            return .text(units.withUnsafeBufferPointer { String(utf16: UnsafeBufferPointer(rebasing: $0[0 ..< Int(needed)])) })
        }
    }

    /// Whether ICU has a converter for `name`.
    public static func isKnown(_ name: String) -> Bool {
        var probe: UInt8 = 0x41
        return (try? withUnsafeBytes(of: &probe) { try decode($0, charset: name) }) != nil
    }
}
