#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one code point becomes for matching: NFKC, then case folding, then
/// Traditional → Simplified, all derived from ICU once and then looked up.
///
/// ICU's general transliterator runs at a few MB/s, far too slow for indexing;
/// the table turns normalization into one array load per character. It is
/// built on first use (about a hundred milliseconds) and cached on disk, keyed
/// by ICU's version, so later processes load it in well under a millisecond.
///
/// Entry encoding (one `UInt32` per code point):
/// - bit 31 clear: the code point it maps to (itself when unchanged);
/// - bit 31 set: an expansion, `expansions[offset ..< offset + length]` in UTF-16,
///   with `offset` in bits 0…23 and `length` in bits 24…30 (0 = the character is dropped).
public final class CharacterTable: Sendable {
    static let expansionFlag: UInt32 = 0x8000_0000
    /// The cache layout and checksum (3: the word-wise checksum).
    static let formatVersion: UInt32 = 3

    /// One entry per BMP code point.
    let bmp: [UInt32]
    let expansions: [UInt16]
    /// Changed code points above the BMP, sorted by code point.
    let supplementaryKeys: [UInt32]
    let supplementaryValues: [UInt32]

    init(bmp: [UInt32], expansions: [UInt16], supplementaryKeys: [UInt32], supplementaryValues: [UInt32]) {
        precondition(bmp.count == 0x10000)
        self.bmp = bmp
        self.expansions = expansions
        self.supplementaryKeys = supplementaryKeys
        self.supplementaryValues = supplementaryValues
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
        return String(decoding: expansions[offset ..< offset + length], as: UTF16.self)
    }

    /// `text` normalized for matching, one character at a time (for short strings:
    /// labels, metadata, query pieces; articles go through `Analyzer`).
    ///
    /// - Complexity: O(n) on the UTF-8; no allocation when nothing changes (most
    ///   Simplified text), then one buffer from the first changed character on.
    public func normalize(_ text: String) -> String {
        var text = text
        let changed: [UInt8]? = text.withUTF8 { u in
            var i = 0
            while i < u.count {
                let (v, width) = Self.decode(u, at: i)
                if entry(v) != v { return rewrite(u, from: i) }
                i += width
            }
            return nil
        }
        guard let changed else { return text }
        return String(decoding: changed, as: UTF8.self)
    }

    /// `u` normalized, given that nothing before `start` changes.
    private func rewrite(_ u: UnsafeBufferPointer<UInt8>, from start: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(u.count + 8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[..<start]))
        var i = start
        while i < u.count {
            let (v, width) = Self.decode(u, at: i)
            let e = entry(v)
            if e & Self.expansionFlag == 0 {
                if let s = Unicode.Scalar(e) { UTF8.encode(s) { out.append($0) } }
            } else if let s = Unicode.Scalar(v) {
                out.append(contentsOf: normalized(s).utf8)
            }
            i += width
        }
        return out
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
        do { return .success(try loadOrBuild()) } catch let e as TextError { return .failure(e) } catch {
            return .failure(.icu(call: "character table", code: "\(error)"))
        }
    }()

    /// The process-wide table: loaded from the cache, or derived from ICU and cached.
    public static func shared() throws -> CharacterTable { try _shared.get() }

    /// Where derived tables are cached: `$NEWS_SEARCH_CACHE`, else
    /// `$XDG_CACHE_HOME/news-search`, else `~/.cache/news-search`.
    static var cacheDirectory: String? {
        if let dir = getenv("NEWS_SEARCH_CACHE") { return String(cString: dir) }
        if let xdg = getenv("XDG_CACHE_HOME") { return String(cString: xdg) + "/news-search" }
        if let home = getenv("HOME") { return String(cString: home) + "/.cache/news-search" }
        return nil
    }

    static func loadOrBuild() throws -> CharacterTable {
        let path = cacheDirectory.map { "\($0)/chartable-icu\(ICU.version)-v\(formatVersion).bin" }
        if let path, let table = CharacterTableCache.read(path) { return table }
        let table = try CharacterTableBuilder.build()
        if let path { CharacterTableCache.write(table, to: path) }
        return table
    }
}
