import IndexFormat
import NewsText

/// Encodes one term's postings (FORMAT.md "Postings": the compact layout of `PostingsFormat.current`) into bytes,
/// with the scratch buffers that reuse across terms. A value type with no
/// shared state: a flush encodes terms on several threads, one encoder each.
struct PostingsEncoder {
    private var metas = ByteWriter()
    private var data = ByteWriter()
    private var pos = ByteWriter()
    private var scratchDocs = [UInt32](repeating: 0, count: BitPacking.blockSize)
    private var scratchFreqs = [UInt32](repeating: 0, count: BitPacking.blockSize)
    private var positionDeltas: [UInt32] = []
    private var blockImpacts: [PostingsCursor.Impact] = []

    /// The compact layout (FORMAT.md "Postings"): block metadata only for terms of more
    /// than one block, tail documents with the frequency folded in, positions
    /// bit-packed 128 at a time per block.
    mutating func encode(_ term: some Collection<UInt8>, docs: [UInt32], freqs: [UInt32], positions: [UInt32], lengths: [UInt32],
                         into out: inout ByteWriter) {
        precondition(!docs.isEmpty && docs.count == freqs.count)
        let field: Field = term.first == Field.headline.rawValue ? .headline : .body
        // Words carry no positions: exact strings and highlighting never need them (FORMAT.md).
        let positions = term.dropFirst().first != TokenKind.word.rawValue ? positions : []
        let blockSize = BitPacking.blockSize
        if docs.count < blockSize {
            // Most terms: one tail block and its positions, written straight out (no block
            // metadata, so no impacts and no field lengths).
            var previousDoc: Int64 = -1, p = 0
            Self.writeTail(docs, freqs, docs.indices, after: &previousDoc, into: &out)
            guard !positions.isEmpty else { return }
            collectPositionDeltas(freqs, docs.indices, positions, from: &p)
            Self.packPositions(positionDeltas, into: &out)
            return
        }
        let blockCount = (docs.count + blockSize - 1) / blockSize
        var metas = self.metas, data = self.data, pos = self.pos
        self.metas = ByteWriter(); self.data = ByteWriter(); self.pos = ByteWriter()
        metas.removeAll(); data.removeAll(); pos.removeAll()
        defer { self.metas = metas; self.data = data; self.pos = pos }
        var previousDoc: Int64 = -1
        var previousBlockLast: Int64 = -1
        var p = 0
        for b in 0 ..< blockCount {
            let start = b * blockSize
            let end = min(docs.count, start + blockSize)
            let dataStart = data.count
            let posStart = pos.count
            if end - start == blockSize {
                for k in start ..< end {
                    scratchDocs[k - start] = UInt32(Int64(docs[k]) - previousDoc)
                    previousDoc = Int64(docs[k])
                    scratchFreqs[k - start] = freqs[k] - 1
                }
                scratchDocs.withUnsafeBufferPointer { d in
                    let w = BitPacking.width(d)
                    data.u8(UInt8(w))
                    BitPacking.pack(d, width: w, into: &data)
                }
                scratchFreqs.withUnsafeBufferPointer { f in
                    let w = BitPacking.width(f)
                    data.u8(UInt8(w))
                    BitPacking.pack(f, width: w, into: &data)
                }
            } else {
                Self.writeTail(docs, freqs, start ..< end, after: &previousDoc, into: &data)
            }
            positionDeltas.removeAll(keepingCapacity: true)
            if !positions.isEmpty { collectPositionDeltas(freqs, start ..< end, positions, from: &p) }
            Self.packPositions(positionDeltas, into: &pos)
            metas.vint(Int64(docs[end - 1]) - previousBlockLast)
            previousBlockLast = Int64(docs[end - 1])
            metas.vint(data.count - dataStart)
            metas.vint(pos.count - posStart)
            if blockCount > 1 {
                // Impacts: only a term of several blocks stores them.
                blockImpacts.removeAll(keepingCapacity: true)
                for k in start ..< end { blockImpacts.append(PostingsCursor.Impact(freq: freqs[k], length: lengths[Int(docs[k]) * 2 + Int(field.rawValue)])) }
                let frontier = PostingsCursor.frontier(blockImpacts)
                metas.vint(frontier.count)
                for i in frontier { metas.vint(i.freq); metas.vint(i.length) }
            }
        }
        if blockCount > 1 { out.append(metas.bytes) }
        out.append(data.bytes)
        out.append(pos.bytes)
    }

    /// Tail entries (FORMAT.md `TailEntry`) of the documents in `range`: the delta from
    /// `previousDoc`, shifted left, with the low bit set for a frequency of 1.
    private static func writeTail(_ docs: [UInt32], _ freqs: [UInt32], _ range: Range<Int>, after previousDoc: inout Int64,
                                  into out: inout ByteWriter) {
        for k in range {
            let delta = UInt64(Int64(docs[k]) - previousDoc)
            previousDoc = Int64(docs[k])
            if freqs[k] == 1 { out.vint(delta << 1 | 1) } else { out.vint(delta << 1); out.vint(freqs[k]) }
        }
    }

    /// Sets `positionDeltas` to the position deltas of the documents in `range` (each
    /// document's first is its position + 1); their positions start at `positions[p]`.
    private mutating func collectPositionDeltas(_ freqs: [UInt32], _ range: Range<Int>, _ positions: [UInt32], from p: inout Int) {
        positionDeltas.removeAll(keepingCapacity: true)
        for k in range {
            var previous: UInt32 = 0
            for i in p ..< p + Int(freqs[k]) {
                let position = positions[i] &+ 1
                positionDeltas.append(position &- previous)
                previous = position
            }
            p += Int(freqs[k])
        }
    }

    /// Position deltas of one block: runs of 128 bit-packed (width byte first), the rest as varints.
    static func packPositions(_ values: [UInt32], into out: inout ByteWriter) {
        var i = 0
        values.withUnsafeBufferPointer { v in
            while v.count - i >= BitPacking.blockSize {
                let chunk = UnsafeBufferPointer(rebasing: v[i ..< i + BitPacking.blockSize])
                let w = BitPacking.width(chunk)
                out.u8(UInt8(w))
                BitPacking.pack(chunk, width: w, into: &out)
                i += BitPacking.blockSize
            }
        }
        while i < values.count { out.vint(values[i]); i += 1 }
    }
}
