import CBuiltinTables
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built-in lexicon's trie, compiled into the binary (`CBuiltinTables`, written by
/// `scripts/gen_tables.sh`): building it from 12,000 terms costs a short-lived
/// `news-search` more than its query, and reading a cached copy costs it a file read and a
/// checksum. The generated arrays are the ones `Lexicon(terms:table:)` builds from
/// `BuiltinLexicon.terms` with the compiled-in character table, in the same order.
extension Lexicon {
    /// The compiled-in trie, when it was built from the current terms and `table` is the
    /// compiled-in character table (else nil: the caller builds the trie).
    static func compiled(table: CharacterTable) -> Lexicon? {
        guard let shared = try? CharacterTable.shared(), table === shared else { return nil }
        let t = nx_builtin_tables().pointee
        guard t.lexicon_source == sourceHash else { return nil }
        return Lexicon(table: table, builtin: t)
    }

    /// Identifies the built-in terms and the character table's encoding they were normalized
    /// with (a 64-bit FNV-style hash, eight bytes a step).
    static let sourceHash: UInt64 = {
        var text = BuiltinLexicon.terms
        let h = text.withUTF8 { fnv(UnsafeRawBufferPointer($0)) }
        return h ^ UInt64(CharacterTable.formatVersion) &* 0x9E37_79B9_7F4A_7C15
    }()

    static func fnv(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let words = bytes.count / 8
        for i in 0 ..< words {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x100_0000_01b3
            h ^= h >> 29
        }
        for i in words * 8 ..< bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return h
    }

    /// The whole file, or nil when it cannot be read, is empty or is larger than 64 MB.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0, st.st_size < 64 << 20 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return n == bytes.count ? bytes : nil
    }
}
