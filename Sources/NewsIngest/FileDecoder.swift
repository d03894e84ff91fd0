import NewsText

/// Turns a file's bytes into text: byte-order marks first, then strict UTF-8,
/// then ICU's charset detector (GB18030/GBK, Big5, UTF-16 …) with a strict
/// conversion. Bytes that are not text, or not valid in any likely encoding,
/// give an issue naming the byte offset instead of garbled articles.
public enum FileDecoder {
    public struct Decoded: Equatable, Sendable {
        public var text: String
        /// The encoding used, as ICU names it ("UTF-8", "GB18030", "Big5", …).
        public var encoding: String
    }

    public enum Failure: Error, Equatable, Sendable {
        case empty
        case binary(offset: Int)
        case invalid(encoding: String, offset: Int)

        public var message: String {
            switch self {
            case .empty: "empty file"
            case let .binary(offset): "binary data, not text (NUL or control bytes from byte offset \(offset))"
            case let .invalid(encoding, offset):
                "not valid \(encoding) at byte offset \(offset) (use --encoding to force one, or --lenient to replace bad bytes)"
            }
        }
    }

    /// Encodings a Chinese news file is likely to come in, tried after the detector's guess.
    static let fallbacks = ["GB18030", "Big5"]

    public static func decode(_ bytes: [UInt8], encoding forced: String? = nil, lenient: Bool = false) throws -> Result<Decoded, Failure> {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .failure(.empty) }
        return try bytes.withUnsafeBytes { raw in
            if let forced { return try convert(raw, forced, lenient) }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return try convert(UnsafeRawBufferPointer(rebasing: raw[3...]), "UTF-8", lenient) }
            if bytes.starts(with: [0xFF, 0xFE]) { return try convert(UnsafeRawBufferPointer(rebasing: raw[2...]), "UTF-16LE", lenient) }
            if bytes.starts(with: [0xFE, 0xFF]) { return try convert(UnsafeRawBufferPointer(rebasing: raw[2...]), "UTF-16BE", lenient) }
            if let offset = binaryOffset(bytes) { return .failure(.binary(offset: offset)) }
            if let text = String(validating: bytes, as: UTF8.self) { return .success(Decoded(text: text, encoding: "UTF-8")) }
            var candidates = [String]()
            if let guess = Charset.detect(raw)?.name, !guess.hasPrefix("ISO-8859"), !guess.hasPrefix("windows-125"), guess != "UTF-8" {
                candidates.append(guess)
            }
            candidates += fallbacks.filter { !candidates.contains($0) }
            if lenient { return try convert(raw, candidates[0], true) }
            for candidate in candidates {
                if case .success(let decoded) = try convert(raw, candidate, false) { return .success(decoded) }
            }
            // Report against what the file most resembles: UTF-8 if it is mostly that.
            let utf8Error = firstInvalidUTF8(bytes)
            if utf8Error > bytes.count / 2 { return .failure(.invalid(encoding: "UTF-8", offset: utf8Error)) }
            return try convert(raw, candidates[0], false)
        }
    }

    /// Decodes a web page or feed: byte-order mark, then the bytes themselves (a page
    /// that is valid UTF-8 is UTF-8, whatever it declares), then the charset it
    /// declares (`<meta charset>`, `http-equiv`, `<?xml encoding?>`), then ICU's
    /// detector as for any file.
    public static func decodeMarkup(_ bytes: [UInt8], encoding forced: String? = nil, lenient: Bool = false) throws -> Result<Decoded, Failure> {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .failure(.empty) }
        let marked = bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if forced == nil, !marked, binaryOffset(bytes) == nil {
            if let text = String(validating: bytes, as: UTF8.self) { return .success(Decoded(text: text, encoding: "UTF-8")) }
        }
        if forced == nil, !marked, binaryOffset(bytes) == nil,
           let declared = declaredCharset(bytes), Charset.isKnown(declared) {
            let result = try bytes.withUnsafeBytes { try convert($0, declared, lenient) }
            if case .success = result { return result }
        }
        return try decode(bytes, encoding: forced, lenient: lenient)
    }

    /// The charset a page or feed declares in its first 4 KB, with the GB family
    /// widened to GB18030 (pages that say gb2312 use GBK characters).
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        var name: Substring?
        if let r = head.range(of: "charset=") {
            name = head[r.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        } else if head.hasPrefix("<?xml"), let r = head.range(of: "encoding=") {
            name = head[r.upperBound...].drop { $0 == "\"" || $0 == "'" }.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }
        guard let name, !name.isEmpty else { return nil }
        switch name {
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "gb18030": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5": return "Big5"
        default: return String(name)
        }
    }

    static func convert(_ raw: UnsafeRawBufferPointer, _ encoding: String, _ lenient: Bool) throws -> Result<Decoded, Failure> {
        let result: Charset.Decoded
        do {
            result = try Charset.decode(raw, charset: encoding, lenient: lenient)
        } catch {
            throw IngestError.unknownEncoding(encoding)
        }
        switch result {
        case let .text(text):
            var text = text
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            if binaryOffset(Array(text.utf8.prefix(8192))) != nil && !lenient { return .failure(.binary(offset: 0)) }
            return .success(Decoded(text: text, encoding: encoding))
        case let .invalid(offset):
            return .failure(.invalid(encoding: encoding, offset: offset))
        }
    }

    /// The offset of the first NUL or of a dense run of control bytes in the first 8 KB, if any.
    static func binaryOffset(_ bytes: [UInt8]) -> Int? {
        var controls = 0
        let sample = bytes.prefix(8192)
        for (i, b) in sample.enumerated() {
            if b == 0 { return i }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { controls += 1 }
        }
        return controls * 20 > sample.count ? 0 : nil
    }

    /// The byte offset of the first invalid UTF-8 sequence (bytes.count when valid).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0
            if length == 0 || i + length > bytes.count { return i }
            for k in 1 ..< length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return bytes.count
    }
}
