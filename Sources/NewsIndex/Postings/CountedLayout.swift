import IndexFormat

/// Postings versions 1 and 2, the counted layout (FORMAT.md "Postings", "Versions 1 and 2"):
/// every term starts with its `BlockCount`, every block has metadata with one impact
/// (`MaxFreq`, `MinLength`), a tail block's entries are (`DocDelta`, `Freq`) varint pairs,
/// and positions are one varint per occurrence, `Freq` per document in order.
///
/// Only read (`PostingsEncoder` writes the compact layout). `PostingsCursor` holds the
/// navigation and the full blocks both layouts share, and calls in here once per block or
/// per document asked for: static functions on a concrete type, inlined where they hold a
/// per-document loop, never a protocol witness.
enum CountedLayout {
    /// Impacts in each block's metadata: the (`MaxFreq`, `MinLength`) pair.
    static let impactsPerBlock = 1
    /// The smallest tail value that holds a document delta of at least 1: the delta itself.
    static let tailMinimum: UInt64 = 1

    /// Reads a term's `BlockCount` (at the start of its postings, at byte `offset`) and
    /// checks it against `expected`, what `DocFreq` implies.
    static func readBlockCount(_ r: inout ByteReader, expected: Int, docFreq: Int, offset: Int, file: String) throws {
        let stored = try r.count()
        guard stored == expected else {
            throw FormatError.corrupt(file: file, detail: "postings at byte \(offset) have \(stored) blocks for \(docFreq) documents")
        }
    }

    /// Decodes a tail block of `n` (`DocDelta`, `Freq`) pairs into `docs` (documents,
    /// summed from `previous`) and `freqs`, keeping the smallest delta in `smallest`
    /// (checked by the caller once for the block). A frequency of 0 is damage.
    @inline(__always)
    static func decodeTail(_ r: inout ByteReader, count n: Int, docs: UnsafeMutablePointer<UInt32>, freqs: UnsafeMutablePointer<UInt32>,
                           previous: inout Int64, smallest: inout UInt64, file: String) throws {
        for k in 0 ..< n {
            // Capped so that no sum overflows (a capped delta is past the document count).
            let delta = min(try r.vint(), 1 << 32)
            smallest = min(smallest, delta)
            previous += Int64(delta)
            docs[k] = UInt32(truncatingIfNeeded: previous)
            freqs[k] = UInt32(truncatingIfNeeded: try r.vint())
            guard freqs[k] > 0 else { throw FormatError.corrupt(file: file, detail: "frequency 0 at byte \(r.offset)") }
        }
    }

    /// A block's positions, read forward as documents ask for them: each document's
    /// `Freq` deltas (the first from 0, so a position + 1). A document before the last one
    /// read starts the block over.
    struct Positions {
        private var reader: ByteReader
        private var start = 0
        private var consumed = 0

        init(_ bytes: UnsafeRawBufferPointer, file: String) { reader = ByteReader(bytes, offset: 0, file: file) }

        /// Starts on the block whose positions begin at byte `start`.
        mutating func begin(at start: Int) {
            reader.offset = start
            self.start = start
            consumed = 0
        }

        /// Replaces `out` with the positions of the block's document `index`, ascending.
        /// - Complexity: O(the frequencies before `index`), plus the positions between the
        ///   last document read and this one.
        mutating func read(_ index: Int, freqs: [UInt32], into out: inout [UInt32]) throws {
            var skip = 0
            for k in 0 ..< index { skip += Int(freqs[k]) }
            if skip < consumed {
                reader.offset = start
                consumed = 0
            }
            while consumed < skip { _ = try reader.vint(); consumed += 1 }
            var previous: UInt64 = 0
            for _ in 0 ..< Int(freqs[index]) {
                let delta = try reader.vint()
                // Positions are stored one up: a first delta of 0, or a sum past 64 bits, is damage.
                guard delta > 0 || previous > 0, previous <= UInt64.max - delta else {
                    throw FormatError.corrupt(file: reader.file, detail: "a position delta of \(delta) after \(previous) at byte \(reader.offset)")
                }
                previous += delta
                out.append(UInt32(truncatingIfNeeded: previous - 1))
                consumed += 1
            }
        }
    }
}
