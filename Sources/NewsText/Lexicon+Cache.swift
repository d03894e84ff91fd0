#if canImport(Glibc)
import Glibc
#endif

/// The built-in lexicon's trie, cached on disk beside the character table: building
/// it from 12,000 terms costs a short-lived `news-search` more than its query.
///
///     cache --> "NXLX", u32 version, u64 source hash, u32 count, u32 rootCount, u32 edgeCount, u32 nodeCount,
///               i32[rootCount] root, u64[edgeCount] keys, i32[edgeCount] values, u8[nodeCount] terminal,
///               i32[nodeCount] termIndex, u64 FNV-1a of everything before it
extension Lexicon {
    static let cacheMagic: UInt32 = 0x584C_584E  // "NXLX"
    static let cacheVersion: UInt32 = 1

    init?(cachePath path: String, sourceHash: UInt64, table: CharacterTable) {
        guard let bytes = CacheFile.read(path), bytes.count >= 40 else { return nil }
        let parsed: Lexicon? = bytes.withUnsafeBytes { raw in
            func u32(_ at: Int) -> UInt32 { raw.loadUnaligned(fromByteOffset: at, as: UInt32.self) }
            guard u32(0) == Self.cacheMagic, u32(4) == Self.cacheVersion,
                  raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == sourceHash else { return nil }
            let count = Int(u32(16)), rootCount = Int(u32(20)), edgeCount = Int(u32(24)), nodeCount = Int(u32(28))
            let body = 32 + rootCount * 4 + edgeCount * 12 + nodeCount * 5
            guard rootCount == 0x10000, raw.count == body + 8,
                  raw.loadUnaligned(fromByteOffset: body, as: UInt64.self) == CacheFile.fnv1a(UnsafeRawBufferPointer(rebasing: raw[0 ..< body]))
            else { return nil }
            var at = 32
            func array<T>(_ n: Int, _: T.Type) -> [T] {
                let size = MemoryLayout<T>.size
                let result = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
                    memcpy(buffer.baseAddress!, raw.baseAddress! + at, n * size)
                    initialized = n
                }
                at += n * size
                return result
            }
            let root = array(rootCount, Int32.self)
            let keys = array(edgeCount, UInt64.self)
            let values = array(edgeCount, Int32.self)
            let terminal = array(nodeCount, UInt8.self).map { $0 != 0 }
            let termIndex = array(nodeCount, Int32.self)
            return Lexicon(table: table, root: root, edgeKeys: keys, edgeValues: values, terminal: terminal, termIndex: termIndex, count: count)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    func writeCache(_ path: String, sourceHash: UInt64) {
        var bytes = [UInt8]()
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        let parts = storage
        put(Self.cacheMagic); put(Self.cacheVersion); put(sourceHash)
        put(UInt32(count)); put(UInt32(parts.root.count)); put(UInt32(parts.edgeKeys.count)); put(UInt32(parts.terminal.count))
        parts.root.forEach(put); parts.edgeKeys.forEach(put); parts.edgeValues.forEach(put)
        parts.terminal.forEach { put(UInt8($0 ? 1 : 0)) }
        parts.termIndex.forEach(put)
        put(bytes.withUnsafeBytes { CacheFile.fnv1a($0) })
        CacheFile.write(bytes, to: path)
    }
}
