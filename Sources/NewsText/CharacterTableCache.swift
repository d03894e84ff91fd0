#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        guard let bytes = readFile(path), bytes.count >= 28 else { return nil }
        return bytes.withUnsafeBytes { raw -> CharacterTable? in
            func u32(_ at: Int) -> UInt32 { raw.loadUnaligned(fromByteOffset: at, as: UInt32.self) }
            guard u32(0) == magic, u32(4) == CharacterTable.formatVersion, u32(8) == 0x10000 else { return nil }
            let expansionCount = Int(u32(12))
            let supplementaryCount = Int(u32(16))
            let body = 20 + 0x10000 * 4 + expansionCount * 2 + supplementaryCount * 8
            guard raw.count == body + 8,
                  raw.loadUnaligned(fromByteOffset: body, as: UInt64.self) == fnv1a(UnsafeRawBufferPointer(rebasing: raw[0 ..< body]))
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

    /// Writes atomically (temporary file, then rename); failures are ignored because
    /// the cache only saves time.
    static func write(_ table: CharacterTable, to path: String) {
        var bytes = [UInt8]()
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        put(magic); put(CharacterTable.formatVersion); put(UInt32(0x10000))
        put(UInt32(table.expansions.count)); put(UInt32(table.supplementaryKeys.count))
        table.bmp.forEach(put); table.expansions.forEach(put)
        table.supplementaryKeys.forEach(put); table.supplementaryValues.forEach(put)
        put(bytes.withUnsafeBytes { fnv1a($0) })
        let dir = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        makeDirectories(dir)
        let temp = "\(path).\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if written == bytes.count { rename(temp, path) } else { unlink(temp) }
    }

    /// A 64-bit checksum of cache files and sources, eight bytes a step
    /// (FNV-style multiply and fold; the caches are megabytes, read at every start).
    static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let words = bytes.count / 8
        for i in 0 ..< words {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x100_0000_01b3
            h ^= h >> 29
        }
        for i in words * 8 ..< bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return h
    }

    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0, st.st_size < 64 << 20 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return n == bytes.count ? bytes : nil
    }

    static func makeDirectories(_ path: String) {
        var prefix = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            prefix += (prefix.isEmpty && part.isEmpty) ? "/" : (prefix.hasSuffix("/") || prefix.isEmpty ? "" : "/") + part
            if !prefix.isEmpty { mkdir(prefix, 0o755) }
        }
    }
}
