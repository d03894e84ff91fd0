#if canImport(Glibc)
import Glibc
#endif

/// Writes an index file as a stream: header, body appended in pieces (flushed
/// to disk as it grows, so a large segment never sits whole in memory), and the
/// footer with a CRC computed along the way. `close` fsyncs.
public final class FileWriter {
    public let path: String
    private let fd: Int32
    private var buffer = ByteWriter(capacity: 1 << 20)
    private var crc: UInt32 = 0
    /// Bytes written so far, header included: the offset of the next byte.
    public private(set) var count = 0
    private var closed = false

    public init(path: String, kind: IndexFile.Kind, version: UInt32) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystem.error(path, "create") }
        let header = IndexFile.begin(kind, version: version)
        try append(header.bytes)
    }

    deinit { if !closed { Glibc.close(fd) } }

    public func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(bytes)
        count += bytes.count
        if buffer.count >= 1 << 20 { try drain() }
    }

    private func drain() throws {
        guard buffer.count > 0 else { return }
        try buffer.bytes.withUnsafeBytes { raw in
            crc = CRC32.of(raw, seed: crc)
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileSystem.error(path, "write")
                }
                offset += n
            }
        }
        buffer.removeAll()
    }

    /// Appends the footer, fsyncs and closes.
    public func close() throws {
        var tail = ByteWriter()
        tail.u64(UInt64(count - IndexFile.headerSize))
        buffer.append(tail.bytes)
        count += 8
        try drain()
        var footer = ByteWriter()
        footer.u32(crc)
        footer.append(IndexFile.endMagic)
        buffer.append(footer.bytes)
        count += 8
        let raw = buffer.bytes
        buffer.removeAll()
        try raw.withUnsafeBytes { r in
            var offset = 0
            while offset < r.count {
                let n = write(fd, r.baseAddress! + offset, r.count - offset)
                if n < 0 { if errno == EINTR { continue }; throw FileSystem.error(path, "write") }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw FileSystem.error(path, "fsync") }
        closed = true
        Glibc.close(fd)
    }
}
