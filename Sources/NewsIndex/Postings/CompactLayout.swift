import IndexFormat

/// Postings versions 3 and 4, the compact layout (FORMAT.md "Postings", version 3), the
/// one `PostingsEncoder` writes: a term of one block has no metadata (its bounds come from
/// decoding it), a block of a longer term carries 1 to 8 impacts, a tail entry folds a
/// frequency of 1 into its document delta (`DocDelta << 1 | 1`), and each block's
/// positions follow its documents, bit-packed 128 at a time with a varint tail.
///
/// `PostingsCursor` holds the navigation and the full blocks both layouts share, and calls
/// in here once per block or per document asked for: static functions on a concrete type,
/// inlined where they hold a per-document loop, never a protocol witness.
enum CompactLayout {
    /// The smallest tail value that holds a document delta of at least 1: `1 << 1`.
    static let tailMinimum: UInt64 = 2
    /// Blocks with more positions have them checked against their documents' lengths before
    /// they are decoded (a buffer of up to 256 KB is allocated without that check).
    static let positionsCheckedByLength = 1 << 16

    /// Reads a block's `ImpactCount` (1 to `limit`).
    static func readImpactCount(_ r: inout ByteReader, limit: Int, file: String) throws -> Int {
        let n = try r.count(limit: limit)
        guard n > 0 else { throw FormatError.corrupt(file: file, detail: "postings block without impacts at byte \(r.offset)") }
        return n
    }

    /// Decodes a tail block of `n` entries into `docs` (documents, summed from `previous`)
    /// and `freqs`, keeping the smallest entry in `smallest` (its delta is the entry >> 1;
    /// checked by the caller against `tailMinimum` once for the block). A frequency of 0 is damage.
    @inline(__always)
    static func decodeTail(_ r: inout ByteReader, count n: Int, docs: UnsafeMutablePointer<UInt32>, freqs: UnsafeMutablePointer<UInt32>,
                           previous: inout Int64, smallest: inout UInt64, file: String) throws {
        for k in 0 ..< n {
            let v = try r.vint()
            // A delta is v >> 1: 0 when v < 2. Capped so that no sum overflows (a capped
            // delta is past the document count the caller checks).
            smallest = min(smallest, v)
            previous += Int64(min(v >> 1, 1 << 32))
            docs[k] = UInt32(truncatingIfNeeded: previous)
            freqs[k] = v & 1 == 1 ? 1 : UInt32(truncatingIfNeeded: try r.vint())
            guard freqs[k] > 0 else { throw FormatError.corrupt(file: file, detail: "frequency 0 at byte \(r.offset)") }
        }
    }

    /// One block's positions decoded whole (runs of 128 bit-packed, then varints), the
    /// deltas restarted at each document: what `positions(into:)` and a merge read.
    struct Positions {
        /// Every position of the block, document after document.
        var values: [UInt32] = []
        /// Where each document's positions start in `values`.
        var starts: [UInt32] = []
        /// The block they are of (-1: none).
        var block = -1

        /// Decodes block `b`'s positions: `room` bytes at byte `start` of `bytes`, for its
        /// `count` documents with their frequencies, whose field lengths are at `lengthColumn`.
        /// - Throws: when the frequencies claim more positions than the bytes (or, for a
        ///   large block, the documents' lengths) can hold, before anything is allocated
        ///   for them; when a width or the bytes read are out of range.
        mutating func decode(block b: Int, at start: Int, length room: Int, count: Int, docs: [UInt32], freqs: [UInt32],
                             lengthColumn: UnsafeRawPointer, bytes: UnsafeRawBufferPointer, file: String) throws {
            var total = 0
            starts.removeAll(keepingCapacity: true)
            for k in 0 ..< count { starts.append(UInt32(truncatingIfNeeded: total)); total += Int(freqs[k]) }
            // Damaged frequencies must not size the buffer below: a block's bytes hold at most 128
            // values per width byte and one per varint byte, and a term occurs in a document at
            // most once per token (read from the length column only for a block big enough to
            // matter, since those reads are scattered).
            var valid = total / BitPacking.blockSize + total % BitPacking.blockSize <= room && total < Int(UInt32.max)
            if valid && total > CompactLayout.positionsCheckedByLength {
                var tokens = 0
                for k in 0 ..< count { tokens += Int(lengthColumn.loadUnaligned(fromByteOffset: 8 * Int(docs[k]), as: UInt32.self)) }
                valid = total <= tokens
            }
            guard valid else {
                throw FormatError.corrupt(file: file, detail: "a postings block claims \(total) positions in \(room) bytes at byte \(start)")
            }
            if values.count < total + BitPacking.blockSize { values = [UInt32](repeating: 0, count: total + BitPacking.blockSize) }
            var r = ByteReader(bytes, offset: start, file: file)
            var i = 0
            try values.withUnsafeMutableBufferPointer { out in
                while total - i >= BitPacking.blockSize {
                    let w = Int(try r.u8())
                    guard w <= 32 else { throw FormatError.corrupt(file: file, detail: "position block width \(w)") }
                    try BitPacking.unpack(&r, width: w, into: out.baseAddress! + i)
                    i += BitPacking.blockSize
                }
                while i < total { out[i] = UInt32(truncatingIfNeeded: try r.vint()); i += 1 }
                guard r.offset <= start + room else {
                    throw FormatError.corrupt(file: file, detail: "positions overrun their block")
                }
                var k = 0
                for d in 0 ..< count {
                    var previous: UInt32 = 0
                    // A document's first value is its first position + 1.
                    guard out[k] > 0 else {
                        throw FormatError.corrupt(file: file, detail: "a document's first position delta is 0 in the block at byte \(start)")
                    }
                    for _ in 0 ..< Int(freqs[d]) {
                        previous &+= out[k]
                        out[k] = previous &- 1
                        k += 1
                    }
                }
            }
            block = b
        }
    }

    /// The first position of the block's document `index` (of `count`) without decoding the
    /// block's positions (`room` bytes at byte `start`): one value is read, after skipping
    /// the runs of 128 and the varints before it.
    /// - Complexity: O(runs of 128 before the value) plus the varints before it in the block's tail.
    static func firstPosition(of index: Int, count: Int, freqs: [UInt32], at start: Int, length room: Int,
                              bytes: UnsafeRawBufferPointer, file: String) throws -> UInt32 {
        // Two plain sums (the compiler vectorizes them): the values before the document's, and all.
        let (first, total) = freqs.withUnsafeBufferPointer { f in
            var before: UInt64 = 0, all: UInt64 = 0
            for k in 0 ..< index { before &+= UInt64(f[k]) }
            for k in index ..< count { all &+= UInt64(f[k]) }
            return (Int(truncatingIfNeeded: before), Int(truncatingIfNeeded: before &+ all))
        }
        let packed = total / BitPacking.blockSize * BitPacking.blockSize
        var r = ByteReader(bytes, offset: start, file: file)
        var value: UInt32
        // The runs of 128 before the one holding `first` (or all of them): a width byte and 16·width bytes each.
        for _ in 0 ..< min(first, packed) / BitPacking.blockSize {
            let w = Int(try r.u8())
            guard w <= 32 else { throw FormatError.corrupt(file: file, detail: "position block width \(w)") }
            try r.skip(16 * w)
        }
        if first < packed {
            let width = Int(try r.u8())
            value = try BitPacking.value(at: first % BitPacking.blockSize, &r, width: width)
        } else {
            for _ in packed ..< first { _ = try r.vint() }
            value = UInt32(truncatingIfNeeded: try r.vint())
        }
        guard r.offset <= start + room else {
            throw FormatError.corrupt(file: file, detail: "positions overrun their block at byte \(start)")
        }
        // A document's first value is its first position + 1.
        guard value > 0 else { throw FormatError.corrupt(file: file, detail: "a document's first position delta is 0 in the block at byte \(start)") }
        return value - 1
    }
}
