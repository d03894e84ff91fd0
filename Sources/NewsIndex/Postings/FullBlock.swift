import IndexFormat

/// A full block of 128 documents (FORMAT.md "Postings": `FullBlock`), laid out alike in
/// every postings version: `DocWidth u8`, 128 bit-packed document deltas, `FreqWidth u8`,
/// 128 bit-packed frequencies minus 1. Tail blocks differ per layout (`CountedLayout`,
/// `CompactLayout`); `PostingsCursor` picks one of the three once per block.
enum FullBlock {
    /// Decodes the documents of a full block into `docs` (summed from `previous`), keeping
    /// the smallest delta in `smallest` (checked by the caller once for the block). The
    /// frequencies are unpacked now only when their width is 32 bits (where adding 1 can
    /// wrap, which is damage); otherwise they are skipped and their offset and width
    /// returned, for `unpackFrequencies` on first use (a conjunction skips most documents
    /// it lands on). Returns (-1, 0) when they were unpacked.
    @inline(__always)
    static func decode(_ r: inout ByteReader, docs: UnsafeMutablePointer<UInt32>, freqs: UnsafeMutablePointer<UInt32>,
                       previous: inout Int64, smallest: inout UInt64, dataStart: Int, file: String) throws -> (offset: Int, width: Int) {
        let n = BitPacking.blockSize
        try BitPacking.unpack(&r, width: Int(try r.u8()), into: docs)
        // A loop of its own: it vectorizes, the running sum below cannot.
        var least = UInt32.max
        for k in 0 ..< n { least = min(least, docs[k]) }
        smallest = UInt64(least)
        for k in 0 ..< n {
            previous += Int64(docs[k])
            docs[k] = UInt32(truncatingIfNeeded: previous)
        }
        let fw = Int(try r.u8())
        if fw < 32 {
            // Below 32 bits no frequency wraps when 1 is added: nothing left to check.
            let pending = (offset: r.offset, width: fw)
            try r.skip(16 * fw)
            return pending
        }
        try BitPacking.unpack(&r, width: fw, into: freqs)
        for k in 0 ..< n {
            freqs[k] &+= 1
            guard freqs[k] > 0 else { throw FormatError.corrupt(file: file, detail: "frequency out of range in the block at byte \(dataStart)") }
        }
        return (-1, 0)
    }

    /// Unpacks frequencies that `decode` left packed at byte `offset` of `bytes` (bounds-checked then).
    @inline(__always)
    static func unpackFrequencies(_ bytes: UnsafeRawBufferPointer, offset: Int, width: Int, into out: UnsafeMutablePointer<UInt32>) {
        BitPacking.unpack(bytes.baseAddress! + offset, width: width, into: out)
        for k in 0 ..< BitPacking.blockSize { out[k] &+= 1 }
    }
}
