import CBuiltinTables

/// What one code point becomes for matching: NFKC, then case folding, then
/// Traditional → Simplified, all derived from ICU once and then looked up.
///
/// ICU's general transliterator runs at a few MB/s, far too slow for indexing;
/// the table turns normalization into one array load per character. It is
/// derived when the tables are generated (`scripts/gen_tables.sh`, about a hundred
/// milliseconds) and compiled into the binary (`CBuiltinTables`), so a process
/// reads it in place from its first lookup: nothing is built, read or checked at start.
/// The table does not follow the ICU a process links: indexes and queries normalize
/// alike on every machine (segmentation is still the linked ICU's).
///
/// Entry encoding (one `UInt32` per code point):
/// - bit 31 clear: the code point it maps to (itself when unchanged);
/// - bit 31 set: an expansion, `expansions[offset ..< offset + length]` in UTF-16,
///   with `offset` in bits 0…23 and `length` in bits 24…30 (0 = the character is dropped).
public final class CharacterTable: Sendable {
    static let expansionFlag: UInt32 = 0x8000_0000
    /// The entry encoding (3 since the on-disk caches' word-wise checksum; the caches are
    /// gone, the generated tables name the version they hold).
    static let formatVersion: UInt32 = 3

    /// One entry per BMP code point.
    let bmp: TableBuffer<UInt32>
    let expansions: TableBuffer<UInt16>
    /// Changed code points above the BMP, sorted by code point.
    let supplementaryKeys: TableBuffer<UInt32>
    let supplementaryValues: TableBuffer<UInt32>

    init(bmp: [UInt32], expansions: [UInt16], supplementaryKeys: [UInt32], supplementaryValues: [UInt32]) {
        precondition(bmp.count == 0x10000)
        self.bmp = TableBuffer(bmp)
        self.expansions = TableBuffer(expansions)
        self.supplementaryKeys = TableBuffer(supplementaryKeys)
        self.supplementaryValues = TableBuffer(supplementaryValues)
    }

    /// The table compiled into the binary.
    init(builtin t: nx_builtin_tables) {
        bmp = TableBuffer(static: t.bmp, count: 0x10000)
        expansions = TableBuffer(static: t.expansions, count: Int(t.expansion_count))
        supplementaryKeys = TableBuffer(static: t.supplementary_keys, count: Int(t.supplementary_count))
        supplementaryValues = TableBuffer(static: t.supplementary_values, count: Int(t.supplementary_count))
    }

    /// The entry for `scalar` (see the type's encoding notes).
    @inline(__always)
    func entry(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x10000 { return bmp[Int(scalar)] }
        var lo = 0
        var hi = supplementaryKeys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if supplementaryKeys[mid] < scalar { lo = mid + 1 } else { hi = mid }
        }
        if lo < supplementaryKeys.count && supplementaryKeys[lo] == scalar { return supplementaryValues[lo] }
        return scalar
    }

    /// The normalized form of one scalar as a string (for tests and tools).
    public func normalized(_ scalar: Unicode.Scalar) -> String {
        let e = entry(scalar.value)
        if e & Self.expansionFlag == 0 {
            return Unicode.Scalar(e).map { String($0) } ?? ""
        }
        let offset = Int(e & 0xFF_FFFF)
        let length = Int((e >> 24) & 0x7F)
        return String(decoding: expansions.elements[offset ..< offset + length], as: UTF16.self)
    }

    /// `text` normalized for matching, one character at a time (for short strings:
    /// labels, metadata, query pieces; articles go through `Analyzer`).
    ///
    /// - Complexity: O(n) on the UTF-8; no allocation when nothing changes (most
    ///   Simplified text), then one buffer from the first changed character on.
    public func normalize(_ text: String) -> String {
        var text = text
        let changed: String? = text.withUTF8 { u in
            var i = 0
            while i < u.count {
                let (v, width) = Self.decode(u, at: i)
                if entry(v) != v { return rewrite(u, from: i) }
                i += width
            }
            return nil
        }
        return changed ?? text
    }

    /// Whether `normalize(text)` has as many scalars as `text`, found without building it.
    public func keepsScalarCount(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in
            var change = 0
            var i = 0
            while i < u.count {
                let (v, width) = Self.decode(u, at: i)
                let e = entry(v)
                if e != v {
                    if e & Self.expansionFlag == 0 {
                        if Unicode.Scalar(e) == nil { change -= 1 }
                    } else if let s = Unicode.Scalar(v) {
                        change += normalized(s).unicodeScalars.count - 1
                    }
                }
                i += width
            }
            return change == 0
        }
    }

    /// `u` normalized, given that nothing before `start` changes.
    private func rewrite(_ u: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        // Normalized text is rarely longer than the original (full-width forms
        // shrink): written in one pass into that much room, and into twice the
        // room again in the rare case that expansions overflow it. Built as an
        // array, then decoded: the string's own in-place initializer validates
        // by a slower, repairing path.
        var capacity = u.count + 16
        while true {
            var fits = true
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
                if let written = write(u, from: start, into: out) {
                    count = written
                } else {
                    count = 0
                    fits = false
                }
            }
            if fits { return String(decoding: bytes, as: UTF8.self) }
            capacity *= 2
        }
    }

    /// Writes `u` normalized into `out`, the bytes before `start` as they are
    /// (nothing there changes); the bytes written, or nil when `out` is too small.
    private func write(_ u: UnsafeBufferPointer<UInt8>, from start: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard start <= out.count else { return nil }
        if start > 0 { out.baseAddress!.update(from: u.baseAddress!, count: start) }
        var o = start
        var i = start
        let src = u.baseAddress!, dst = out.baseAddress!
        let count = u.count, room = out.count
        let bmp = bmp.elements.baseAddress!
        while i < count {
            let b = src[i]
            // The common cases first: ASCII and three-byte characters (Han) that stay as they are.
            if b < 0x80 {
                if bmp[Int(b)] == UInt32(b) {
                    guard o < room else { return nil }
                    dst[o] = b
                    o += 1
                    i += 1
                    continue
                }
            } else if b >= 0xE0 && b < 0xF0 {
                let v = UInt32(b & 0x0F) << 12 | UInt32(src[i + 1] & 0x3F) << 6 | UInt32(src[i + 2] & 0x3F)
                if bmp[Int(v)] == v {
                    guard o + 3 <= room else { return nil }
                    dst[o] = b
                    dst[o + 1] = src[i + 1]
                    dst[o + 2] = src[i + 2]
                    o += 3
                    i += 3
                    continue
                }
            }
            let (v, width) = Self.decode(u, at: i)
            let e = entry(v)
            if e == v {
                guard o + width <= room else { return nil }
                for k in 0 ..< width { dst[o + k] = src[i + k] }
                o += width
            } else if e & Self.expansionFlag == 0 {
                guard o + Self.utf8Width(e) <= out.count else { return nil }
                o += Self.encode(e, into: out, at: o)
            } else if let s = Unicode.Scalar(v) {
                let expansion = normalized(s).utf8
                guard o + expansion.count <= out.count else { return nil }
                for b in expansion { out[o] = b; o += 1 }
            }
            i += width
        }
        return o
    }

    /// Bytes of `v` in UTF-8 (0 for a value that is not a scalar).
    @inline(__always)
    static func utf8Width(_ v: UInt32) -> Int {
        if v < 0x80 { return 1 }
        if v < 0x800 { return 2 }
        if v >= 0xD800 && v < 0xE000 || v > 0x10FFFF { return 0 }
        return v < 0x10000 ? 3 : 4
    }

    /// Writes `v` as UTF-8 at `o`; returns the bytes written (see `utf8Width`).
    @inline(__always)
    static func encode(_ v: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at o: Int) -> Int {
        switch utf8Width(v) {
        case 1:
            out[o] = UInt8(v)
            return 1
        case 2:
            out[o] = UInt8(0xC0 | v >> 6)
            out[o + 1] = UInt8(0x80 | v & 0x3F)
            return 2
        case 3:
            out[o] = UInt8(0xE0 | v >> 12)
            out[o + 1] = UInt8(0x80 | v >> 6 & 0x3F)
            out[o + 2] = UInt8(0x80 | v & 0x3F)
            return 3
        case 4:
            out[o] = UInt8(0xF0 | v >> 18)
            out[o + 1] = UInt8(0x80 | v >> 12 & 0x3F)
            out[o + 2] = UInt8(0x80 | v >> 6 & 0x3F)
            out[o + 3] = UInt8(0x80 | v & 0x3F)
            return 4
        default:
            return 0
        }
    }

    /// The scalar at `i` of valid UTF-8 and its width in bytes.
    @inline(__always)
    static func decode(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b = u[i]
        if b < 0x80 { return (UInt32(b), 1) }
        if b < 0xE0 { return (UInt32(b & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F), 2) }
        if b < 0xF0 { return (UInt32(b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F), 3) }
        return (UInt32(b & 0x07) << 18 | UInt32(u[i + 1] & 0x3F) << 12 | UInt32(u[i + 2] & 0x3F) << 6 | UInt32(u[i + 3] & 0x3F), 4)
    }

    // MARK: Shared instance

    private static let _shared: Result<CharacterTable, TextError> = {
        let t = nx_builtin_tables().pointee
        guard t.character_format == formatVersion else {
            return .failure(.icu(call: "character table", code: "the compiled-in table has format \(t.character_format), expected \(formatVersion): run scripts/gen_tables.sh"))
        }
        return .success(CharacterTable(builtin: t))
    }()

    /// The process-wide table: the one compiled into the binary.
    public static func shared() throws -> CharacterTable { try _shared.get() }

    /// The ICU version the compiled-in table was derived from.
    public static var builtinICUVersion: String { String(cString: nx_builtin_tables().pointee.icu_version) }
}
