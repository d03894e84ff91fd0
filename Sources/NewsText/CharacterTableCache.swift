/// The on-disk cache of a `CharacterTable`: a private file, rebuilt whenever it is
/// missing, short, or fails its checksum.
///
///     cache --> "NXCT", u32 version, u32 bmpCount, u32 expansionCount, u32 supplementaryCount,
///               u32[bmpCount], u16[expansionCount], u32[supplementaryCount] keys, u32[…] values,
///               u64 FNV-1a of everything before it
///
/// All integers little-endian (the file never leaves the machine that wrote it).
enum CharacterTableCache {
    static let magic: UInt32 = 0x5443_584E  // "NXCT"

    static func read(_ path: String) -> CharacterTable? {
        guard let bytes = CacheFile.read(path), bytes.count >= 28 else { return nil }
        return bytes.withUnsafeBytes { raw -> CharacterTable? in
            func u32(_ at: Int) -> UInt32 { raw.loadUnaligned(fromByteOffset: at, as: UInt32.self) }
            guard u32(0) == magic, u32(4) == CharacterTable.formatVersion, u32(8) == 0x10000 else { return nil }
            let expansionCount = Int(u32(12))
            let supplementaryCount = Int(u32(16))
            let body = 20 + 0x10000 * 4 + expansionCount * 2 + supplementaryCount * 8
            guard raw.count == body + 8,
                  raw.loadUnaligned(fromByteOffset: body, as: UInt64.self) == CacheFile.fnv1a(UnsafeRawBufferPointer(rebasing: raw[0 ..< body]))
            else { return nil }
            var at = 20
            func array<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T] {
                let result = (0 ..< count).map { raw.loadUnaligned(fromByteOffset: at + $0 * MemoryLayout<T>.size, as: T.self) }
                at += count * MemoryLayout<T>.size
                return result
            }
            let bmp = array(0x10000, UInt32.self)
            let expansions = array(expansionCount, UInt16.self)
            let keys = array(supplementaryCount, UInt32.self)
            let values = array(supplementaryCount, UInt32.self)
            return CharacterTable(bmp: bmp, expansions: expansions, supplementaryKeys: keys, supplementaryValues: values)
        }
    }

    /// Writes the cache (atomically, see `CacheFile.write`).
    static func write(_ table: CharacterTable, to path: String) {
        var bytes = [UInt8]()
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        put(magic); put(CharacterTable.formatVersion); put(UInt32(0x10000))
        put(UInt32(table.expansions.count)); put(UInt32(table.supplementaryKeys.count))
        table.bmp.forEach(put); table.expansions.forEach(put)
        table.supplementaryKeys.forEach(put); table.supplementaryValues.forEach(put)
        put(bytes.withUnsafeBytes { CacheFile.fnv1a($0) })
        CacheFile.write(bytes, to: path)
    }
}
