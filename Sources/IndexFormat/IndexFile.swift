#if canImport(Glibc)
import Glibc
#endif

/// The header and footer every index file carries (FORMAT.md "Every file").
public enum IndexFile {
    public static let magic: [UInt8] = Array("NXIX".utf8)
    public static let endMagic: [UInt8] = Array("XINX".utf8)
    public static let headerSize = 12
    public static let footerSize = 16

    public enum Kind: String, Sendable {
        case dictionary = "DICT", postings = "POST", columns = "COLS", store = "STOR", deletions = "DELS", commit = "CMIT"
    }

    /// The format version in a file's header (checked by `open`). Each kind of file has
    /// versions of its own; the caller says which it reads and writes.
    public static func version(of bytes: UnsafeRawBufferPointer) -> UInt32 {
        bytes.count >= headerSize ? bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian : 0
    }

    /// Starts a file body: the header, with the version of `kind`'s layout the body follows.
    public static func begin(_ kind: Kind, version: UInt32) -> ByteWriter {
        var w = ByteWriter(capacity: 1 << 16)
        w.append(magic)
        w.append(Array(kind.rawValue.utf8))
        w.u32(version)
        return w
    }

    /// Ends a file: body length, CRC of everything so far, end magic.
    public static func finish(_ w: inout ByteWriter) {
        let bodyLength = UInt64(w.count - headerSize)
        w.u64(bodyLength)
        let crc = w.bytes.withUnsafeBytes { CRC32.of($0) }
        w.u32(crc)
        w.append(endMagic)
    }

    /// Checks header and footer, the version among `versions` (the ones this build reads of
    /// `kind`); returns the body's byte range. With `checksum`, also verifies the CRC (reads
    /// the whole file).
    ///
    /// The version is believed only once the bytes around it are known to be whole: with
    /// `checksum` (the small files) the CRC comes first, and a version this build does not
    /// read has the CRC checked too, so a flipped bit in it is reported as damage rather
    /// than as "use a newer news-search".
    public static func open(_ bytes: UnsafeRawBufferPointer, kind: Kind, versions: ClosedRange<UInt32>, file: String,
                            checksum: Bool) throws -> Range<Int> {
        guard bytes.count >= headerSize + footerSize else {
            throw FormatError.corrupt(file: file, detail: "file is \(bytes.count) bytes, shorter than a header and footer")
        }
        guard Array(bytes[0 ..< 4]) == magic else {
            throw FormatError.corrupt(file: file, detail: "not an index file (magic \(hex(bytes[0 ..< 4])), expected NXIX)")
        }
        let actualKind = String(decoding: bytes[4 ..< 8], as: UTF8.self)
        guard actualKind == kind.rawValue else {
            throw FormatError.corrupt(file: file, detail: "file kind \(actualKind), expected \(kind.rawValue)")
        }
        let version = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        let end = bytes.count - footerSize
        guard Array(bytes[bytes.count - 4 ..< bytes.count]) == endMagic else {
            throw FormatError.corrupt(file: file, detail: "footer magic missing: the file is truncated or overwritten")
        }
        let bodyLength = bytes.loadUnaligned(fromByteOffset: end, as: UInt64.self).littleEndian
        guard bodyLength == UInt64(end - headerSize) else {
            throw FormatError.corrupt(file: file, detail: "footer says \(bodyLength) body bytes, file has \(end - headerSize)")
        }
        let readable = versions.contains(version)
        if checksum || !readable {
            let expected = bytes.loadUnaligned(fromByteOffset: end + 8, as: UInt32.self).littleEndian
            let actual = CRC32.of(UnsafeRawBufferPointer(rebasing: bytes[0 ..< end + 8]))
            guard actual == expected else {
                let version = readable ? "" : " (so its header's version \(version) is not to be believed)"
                throw FormatError.corrupt(file: file, detail: "checksum mismatch: stored \(hex32(expected)), computed \(hex32(actual))\(version)")
            }
        }
        if version < versions.lowerBound { throw FormatError.tooOld(file: file, version: version, oldest: versions.lowerBound) }
        if version > versions.upperBound { throw FormatError.tooNew(file: file, version: version, newest: versions.upperBound) }
        return headerSize ..< end
    }

    static func hex(_ bytes: UnsafeRawBufferPointer.SubSequence) -> String {
        bytes.map { String($0, radix: 16) }.joined(separator: " ")
    }

    public static func hex32(_ v: UInt32) -> String { "0x" + String(v, radix: 16) }
}

/// A read-only memory map of a whole file. The mapping stays valid after the
/// file is unlinked, so readers are unaffected when a merge removes it.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let bytes: UnsafeRawBufferPointer
    private let mapped: UnsafeMutableRawPointer?

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystem.error(path, "open") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileSystem.error(path, "stat") }
        let size = Int(st.st_size)
        if size == 0 {
            mapped = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw FileSystem.error(path, "mmap") }
        mapped = p
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    deinit {
        if let mapped { munmap(mapped, bytes.count) }
    }

    /// Lets the kernel drop the pages read so far from this process (they stay
    /// in the page cache and are read again on the next access): keeps a long
    /// sequential pass, such as a merge, from holding whole files resident.
    public func dropResidentPages() {
        if let mapped { _ = madvise(mapped, bytes.count, MADV_DONTNEED) }
    }
}

/// File-system steps with errors that name the file.
public enum FileSystem {
    public static func error(_ path: String, _ operation: String) -> FormatError {
        let e = errno
        return FormatError.io(file: path, operation: operation, errno: e, message: String(cString: strerror(e)))
    }

    /// Writes `bytes` to `path` durably: a temporary file, fsync, rename, fsync of the folder.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temp = path + ".tmp"
        try write(bytes, to: temp)
        guard rename(temp, path) == 0 else { throw error(path, "rename") }
        try syncDirectory(of: path)
    }

    /// Writes and fsyncs a new file (no rename: for files no commit names yet).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error(path, "create") }
        defer { close(fd) }
        var offset = 0
        try bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw error(path, "write")
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw error(path, "fsync") }
    }

    public static func syncDirectory(of path: String) throws {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error(dir, "open folder") }
        defer { close(fd) }
        _ = fsync(fd)
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func list(_ dir: String) throws -> [String] {
        guard let d = opendir(dir) else { throw error(dir, "list") }
        defer { closedir(d) }
        var names = [String]()
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public static func makeDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw error(prefix, "create folder") }
        }
    }

    public static func remove(_ path: String) { unlink(path) }

    public static func size(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }
}
