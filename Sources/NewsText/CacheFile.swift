#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of the on-disk caches (`CharacterTableCache`, the lexicon's trie in
/// `Lexicon+Cache.swift`): read whole, checksummed, written atomically. A cache only saves
/// time, so a file that cannot be read or written is rebuilt or skipped, never an error.
enum CacheFile {
    /// Writes `bytes` to `path` atomically (a temporary file of this process, then a rename),
    /// creating the folders above it: a reader sees the old file or the new one, never a
    /// part. Failures are ignored.
    static func write(_ bytes: [UInt8], to path: String) {
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

    /// The whole file, or nil when it cannot be read, is empty or is larger than any cache (64 MB).
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0, st.st_size < 64 << 20 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return n == bytes.count ? bytes : nil
    }

    /// Creates `path` and the folders above it that are missing (errors are left to the write).
    static func makeDirectories(_ path: String) {
        var prefix = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            prefix += (prefix.isEmpty && part.isEmpty) ? "/" : (prefix.hasSuffix("/") || prefix.isEmpty ? "" : "/") + part
            if !prefix.isEmpty { mkdir(prefix, 0o755) }
        }
    }
}
