import CICU

/// Swift wrappers over the C shim: each ICU call is wrapped once here and turns
/// a failing `UErrorCode` into `TextError.icu`.
enum ICU {
    static let bufferOverflow: Int32 = 15  // U_BUFFER_OVERFLOW_ERROR

    static func check(_ status: Int32, _ call: String) throws {
        if status > 0 { throw TextError.icu(call: call, code: errorName(status)) }
    }

    static func errorName(_ status: Int32) -> String {
        guard let name = nx_error_name(status) else { return "error \(status)" }
        return String(cString: name)
    }

    /// ICU's version, e.g. "72.1" (the generated tables name the one they come from).
    static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        nx_icu_version(&buffer)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs an ICU function of the shape `f(src, len, dst, cap, &status) -> needed`
    /// with a buffer that grows once if ICU asks for more.
    static func transform(
        _ source: [UInt16], _ call: String,
        _ body: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>) -> Int32
    ) throws -> [UInt16] {
        var capacity = max(8, source.count * 3)
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            var status: Int32 = 0
            let needed = source.withUnsafeBufferPointer { src in
                output.withUnsafeMutableBufferPointer { dst in
                    body(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity), &status)
                }
            }
            if status == bufferOverflow || Int(needed) > capacity {
                capacity = Int(needed) + 1
                continue
            }
            try check(status, call)
            return Array(output.prefix(Int(needed)))
        }
    }

    static func nfkc(_ source: [UInt16]) throws -> [UInt16] {
        try transform(source, "unorm2_normalize(NFKC)") { nx_nfkc($0, $1, $2, $3, $4) }
    }

    static func foldCase(_ source: [UInt16]) throws -> [UInt16] {
        try transform(source, "u_strFoldCase") { nx_fold_case($0, $1, $2, $3, $4) }
    }
}

/// An ICU transliterator (e.g. `Traditional-Simplified`). Not thread-safe.
public final class Transliterator {
    private let handle: OpaquePointer

    public init(id: String) throws {
        let units = Array(id.utf16)
        var status: Int32 = 0
        let raw = units.withUnsafeBufferPointer { nx_translit_open($0.baseAddress, Int32($0.count), &status) }
        try ICU.check(status, "utrans_openU(\(id))")
        guard let raw else { throw TextError.icu(call: "utrans_openU(\(id))", code: "null transliterator") }
        handle = OpaquePointer(raw)
    }

    deinit { nx_translit_close(UnsafeMutableRawPointer(handle)) }

    public func transliterate(_ text: [UInt16]) throws -> [UInt16] {
        var capacity = text.count * 2 + 16
        while true {
            var buffer = text + [UInt16](repeating: 0, count: capacity - text.count)
            var length = Int32(text.count)
            var status: Int32 = 0
            buffer.withUnsafeMutableBufferPointer {
                nx_translit(UnsafeMutableRawPointer(handle), $0.baseAddress, &length, Int32(capacity), &status)
            }
            if status == ICU.bufferOverflow { capacity *= 2; continue }
            try ICU.check(status, "utrans_transUChars")
            return Array(buffer.prefix(Int(length)))
        }
    }
}

/// ICU's word break iterator for Chinese. Not thread-safe: one per analyzing thread.
final class WordBreaker {
    private let handle: UnsafeMutableRawPointer

    init(locale: String = "zh") throws {
        var status: Int32 = 0
        let raw = nx_word_break_open(locale, &status)
        try ICU.check(status, "ubrk_open(UBRK_WORD, \(locale))")
        guard let raw else { throw TextError.icu(call: "ubrk_open", code: "null iterator") }
        handle = raw
    }

    deinit { nx_break_close(handle) }

    /// Segments `text` in place (no copy) and calls `body(start, end, ruleStatus)`
    /// for every segment, in order.
    /// - Complexity: O(n) in the length of `text`, plus ICU's dictionary work.
    func segments(
        _ text: UnsafeBufferPointer<UInt16>,
        ends: inout [Int32], statuses: inout [Int32],
        _ body: (Int, Int, Int32) -> Void
    ) throws {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        var status: Int32 = 0
        nx_break_set_text(handle, base, Int32(text.count), &status)
        try ICU.check(status, "ubrk_setText")
        if ends.count < 256 {
            ends = [Int32](repeating: 0, count: 256)
            statuses = [Int32](repeating: 0, count: 256)
        }
        var start = 0
        while true {
            let n = ends.withUnsafeMutableBufferPointer { e in
                statuses.withUnsafeMutableBufferPointer { s in
                    nx_break_next_batch(handle, e.baseAddress, s.baseAddress, Int32(e.count))
                }
            }
            if n == 0 { break }
            for i in 0..<Int(n) {
                let end = Int(ends[i])
                body(start, end, statuses[i])
                start = end
            }
        }
    }
}
