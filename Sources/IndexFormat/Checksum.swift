import CCRC
import CZlib

/// CRC-32 (zlib's, the same polynomial as Lucene and gzip), through `CCRC` (carry-less
/// multiplication where the CPU has it, the same values).
public enum CRC32 {
    public static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return seed }
        return nx_crc32(seed, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    public static func of(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { of($0) } }
}

/// Deflate compression for stored articles. Level 4: on news text, 2.5 % larger than
/// zlib's default (6) and 1.7 times as fast (6 % of one-thread indexing time was deflate).
public enum Deflate {
    public static func compress(_ input: [UInt8], level: Int32 = 4) -> [UInt8] {
        var capacity = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &capacity, i.baseAddress, uLong(i.count), level)
            }
        }
        precondition(status == Z_OK, "deflate failed with \(status)")  // only fails for lack of memory
        return Array(out.prefix(Int(capacity)))
    }

    /// Deflate never inflates more than 1032 bytes from one (zlib's technical notes): a raw
    /// length beyond that is damage, found before the output is allocated.
    public static let maxRatio = 1032

    /// Inflates `input`, which must give exactly `rawLength` bytes.
    /// - Throws: `FormatError.corrupt` when `rawLength` is more than `input` can inflate to
    ///   (nothing is allocated then) or the stream does not inflate to exactly that.
    public static func decompress(_ input: UnsafeRawBufferPointer, rawLength: Int, file: String) throws -> [UInt8] {
        guard rawLength >= 0, rawLength / maxRatio <= input.count else {
            throw FormatError.corrupt(file: file, detail: "a compressed block of \(input.count) bytes says it inflates to \(rawLength), more than deflate can give")
        }
        var out = [UInt8](repeating: 0, count: rawLength)
        var length = uLong(rawLength)
        let status = out.withUnsafeMutableBufferPointer { o in
            uncompress(o.baseAddress, &length, input.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(input.count))
        }
        guard status == Z_OK, Int(length) == rawLength else {
            throw FormatError.corrupt(file: file, detail: "compressed block does not inflate (zlib status \(status))")
        }
        return out
    }

    /// Inflates the start of `input` (a stream that inflates to `rawLength` bytes), `step`
    /// bytes at a time, until `enough` says the bytes out so far suffice or the stream ends:
    /// a reader that needs one record near the start of a block inflates that much only.
    /// - Throws: `FormatError.corrupt` when `rawLength` is more than `input` can inflate to,
    ///   the stream is damaged where it is read, or it ends before or after `rawLength` bytes.
    ///   Damage after the part inflated goes unseen.
    public static func decompressPrefix(_ input: UnsafeRawBufferPointer, rawLength: Int, file: String, step: Int = 8192,
                                        enough: (UnsafeRawBufferPointer) -> Bool) throws -> [UInt8] {
        guard rawLength >= 0, rawLength / maxRatio <= input.count else {
            throw FormatError.corrupt(file: file, detail: "a compressed block of \(input.count) bytes says it inflates to \(rawLength), more than deflate can give")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit_(stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FormatError.corrupt(file: file, detail: "cannot start inflating a block")
        }
        defer { inflateEnd(stream) }
        var produced = 0
        var status = Z_OK
        // Uninitialized: only the bytes inflated are kept (no zeroing, no truncating).
        let out = try [UInt8](unsafeUninitializedCapacity: rawLength) { o, initialized in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            repeat {
                let room = min(step, rawLength - produced)
                stream.pointee.next_out = o.baseAddress.map { $0 + produced }
                stream.pointee.avail_out = uInt(room)
                status = inflate(stream, Z_SYNC_FLUSH)
                produced += room - Int(stream.pointee.avail_out)
                initialized = produced
                guard status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && room == 0) else {
                    throw FormatError.corrupt(file: file, detail: "compressed block does not inflate (zlib status \(status))")
                }
                if status == Z_STREAM_END || room == 0 { break }
            } while !enough(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: o[..<produced])))
        }
        if status == Z_STREAM_END || produced == rawLength {
            // The whole stream: it must end where the block says, neither before nor after.
            guard produced == rawLength, status == Z_STREAM_END || inflate(stream, Z_FINISH) == Z_STREAM_END else {
                throw FormatError.corrupt(file: file, detail: "compressed block does not inflate to \(rawLength) bytes")
            }
        }
        return out
    }
}
