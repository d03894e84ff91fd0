#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Splits on an ASCII byte through the UTF-8 view: much faster than Character
    /// splitting for the large generated tables read at start-up.
    public func splitASCII(_ byte: UInt8, omittingEmpty: Bool = true) -> [Substring] {
        let s = Substring(self)
        return s.utf8.split(separator: byte, omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }
}

extension String {
    /// Calls `body` with the fields (split on `separator`, empty ones kept) of
    /// each non-empty line, as UTF-8 buffers valid during the call: the
    /// generated catalog tables are parsed at every start, without a String per field.
    public func forEachLine(fields separator: UInt8, _ body: ([UnsafeBufferPointer<UInt8>]) throws -> Void) rethrows {
        var copy = self
        try copy.withUTF8 { text in
            guard let base = text.baseAddress else { return }
            // memchr finds the line ends and separators many bytes a step.
            func find(_ byte: UInt8, _ from: Int, _ end: Int) -> Int {
                guard from < end, let hit = memchr(base + from, Int32(byte), end - from) else { return end }
                return hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
            }
            var fields = [UnsafeBufferPointer<UInt8>]()
            var lineStart = 0
            while lineStart < text.count {
                let lineEnd = find(0x0A, lineStart, text.count)
                if lineEnd > lineStart {
                    var fieldStart = lineStart
                    while true {
                        let fieldEnd = find(separator, fieldStart, lineEnd)
                        fields.append(UnsafeBufferPointer(rebasing: text[fieldStart ..< fieldEnd]))
                        guard fieldEnd < lineEnd else { break }
                        fieldStart = fieldEnd + 1
                    }
                    try body(fields)
                    fields.removeAll(keepingCapacity: true)
                }
                lineStart = lineEnd + 1
            }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The decimal integer these ASCII digits spell (an optional leading '-'), or nil.
    public var asciiInteger: Int? {
        guard !isEmpty else { return nil }
        var value = 0, sign = 1, start = 0
        if self[0] == 0x2D { sign = -1; start = 1 }
        guard start < count else { return nil }
        for i in start ..< count {
            let d = Int(self[i]) - 0x30
            guard d >= 0 && d <= 9 else { return nil }
            value = value * 10 + d
        }
        return sign * value
    }

    public var string: String { String(decoding: self, as: UTF8.self) }

    /// The pieces between `separator` bytes as strings, empty pieces left out (the short
    /// names of the generated tables, without a Substring per piece).
    public func strings(splitBy separator: UInt8) -> [String] {
        var pieces = [String]()
        var start = 0
        for i in 0 ... count where i == count || self[i] == separator {
            if i > start { pieces.append(String(decoding: UnsafeBufferPointer(rebasing: self[start ..< i]), as: UTF8.self)) }
            start = i + 1
        }
        return pieces
    }
}
