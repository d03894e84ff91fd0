import IndexFormat

/// An inflated store block and where each of its records starts: finding a record then costs
/// no walk over the lengths of the ones before it (each a likely cache miss in a 64 KiB block).
struct InflatedBlock: Sendable {
    let raw: [UInt8]
    /// Offsets of the records that read well, in order (all of them, unless the block is damaged
    /// or `partial`).
    let starts: [Int]
    /// Only the start of the block was inflated: `starts` are its first records, and a later
    /// one needs the block inflated again.
    let partial: Bool

    /// Locates up to `records` records of `raw`, stopping at the first that does not read.
    init(raw: [UInt8], records: Int, file: String, partial: Bool = false) {
        self.raw = raw
        self.partial = partial
        var starts = [Int]()
        starts.reserveCapacity(max(0, records))
        raw.withUnsafeBytes { bytes in
            var r = ByteReader(bytes, file: file)
            while starts.count < records {
                let at = r.offset
                do { for _ in 0 ..< 7 { try r.skip(try r.count()) } } catch { break }
                starts.append(at)
            }
        }
        self.starts = starts
    }

    /// Bytes held, as a cache counts them.
    var byteCount: Int { raw.count + 8 * starts.count }
}
