import IndexFormat

/// Walks one term's postings in a segment: documents in order with their
/// frequencies, positions on demand, and the per-block maxima that let a
/// query skip blocks that cannot make the top k.
///
/// Damaged postings throw `FormatError.corrupt`, never read out of bounds: the
/// cursor reads no byte past the term's own, checks each block's documents once
/// when it decodes them (increasing, below the segment's document count) and a
/// block's position count against its bytes (and a large block's against its
/// documents' lengths) before allocating for them. After an error the cursor is at its end.
///
/// One cursor reads every postings version: it holds the navigation (blocks, skipping,
/// impacts) and calls, once per block, the decoder of the block's kind: `FullBlock` (alike
/// in every version), `CountedLayout` or `CompactLayout` (tails, block metadata and
/// positions of versions 1–2 and 3–4). They are static functions on concrete types,
/// inlined into the per-document loops, so the layout costs one branch per block and no
/// dynamic dispatch; a cursor type per layout would make every caller in NewsSearch
/// generic or existential over it for no gain (ARCHITECTURE.md, NewsIndex).
public struct PostingsCursor {
    public static let end = Int32.max

    /// The postings file up to the end of this term's bytes.
    let bytes: UnsafeRawBufferPointer
    let file: String
    public let docFreq: Int
    /// The segment's document count: every document must be below it.
    let docLimit: Int64
    /// Where the term's field's length of document 0 is in the columns (document d's is 8 × d bytes further).
    let lengthColumn: UnsafeRawPointer
    /// One postings block: its last document, where its doc data and positions
    /// are, and where its impacts are (`impactCount` pairs of varints at byte
    /// `impactOffset`, decoded only when asked for; -1 for a one-block term,
    /// whose bound is computed from its documents).
    public struct Block {
        public var last: Int32
        var dataStart: Int
        var posStart: Int
        var posLength: Int
        var impactOffset: Int
        var impactCount: Int
        /// Where its decoded impacts start in `impacts` (-1: not decoded yet).
        var impactStart: Int32 = -1
    }

    /// A (frequency, field length) pair: BM25 grows with the one and shrinks
    /// with the other, so the best score in a block is the best over its impacts.
    public struct Impact: Sendable {
        public var freq: UInt32
        public var length: UInt32
    }

    public private(set) var blocks: [Block] = []
    /// The impacts of the blocks decoded so far, in the order they were asked for.
    private var impacts: [Impact] = []
    private var impactsDecoded = false
    /// A one-block term's bound is computed on first use, from this field's length column.
    private var pendingLengths: UnsafeRawPointer? = nil
    /// At most this many impacts per block (more are coarsened into dominating pairs).
    static let maxImpacts = 8

    public private(set) var block = -1
    @usableFromInline var docs: [UInt32]
    var freqs: [UInt32]
    /// A full block's bit-packed frequencies are unpacked on first use (a conjunction
    /// skips most documents it lands on): the run's offset and width, offset -1 once done.
    var pendingFreqs = -1
    var pendingWidth = 0
    @usableFromInline var count = 0
    @usableFromInline var index = -1
    /// The current document, -1 before the first `next`, `end` when exhausted.
    public var doc: Int32 { current }
    @usableFromInline var current: Int32 = -1
    /// The current block's last document (-1 before the first block): `advance(to:)` stays
    /// inside the block, inlined, for any target up to it.
    @usableFromInline var blockLast: Int32 = -1
    /// The counted layout: the current block's positions, read forward as documents ask for them.
    var countedPositions: CountedLayout.Positions
    /// The compact layout: the current block's positions, decoded whole on first use.
    var compactPositions = CompactLayout.Positions()
    /// How the postings file's version lays postings out.
    let layout: PostingsFormat.Layout

    /// A cursor over the postings `info` names in `file` (a postings file of `version`, whose
    /// body is `body`), for a segment of `docCount` documents whose field lengths for the term's
    /// field start at `lengthColumn`, 8 bytes apart.
    init(file postings: UnsafeRawBufferPointer, path: String, version: UInt32, body: Range<Int>, docCount: Int,
         lengthColumn: UnsafeRawPointer, info: TermInfo) throws {
        file = path
        guard info.docFreq > 0, info.docFreq <= docCount, info.offset >= body.lowerBound, info.length >= 0,
              info.length <= body.upperBound - info.offset else {
            throw FormatError.corrupt(file: file, detail: "postings of \(info.docFreq) documents in \(info.length) bytes at byte \(info.offset) do not fit the file or its segment of \(docCount) documents")
        }
        bytes = UnsafeRawBufferPointer(start: postings.baseAddress, count: info.offset + info.length)
        docFreq = info.docFreq
        docLimit = Int64(docCount)
        self.lengthColumn = lengthColumn
        layout = PostingsFormat.layout(version)
        countedPositions = CountedLayout.Positions(bytes, file: file)
        // A one-block term is decoded now; a longer one's buffers wait for its first block (a
        // conjunction makes cursors for terms it may never have to read). Both are read by static
        // functions, not mutating methods: a mutating call made the initializer build the cursor
        // in memory and copy it out (a retain and a release per array, per cursor).
        var r = ByteReader(bytes, offset: info.offset, file: file)
        let end = info.offset + info.length
        if layout == .compact && info.docFreq <= BitPacking.blockSize {
            // One block and no metadata (FORMAT.md "Postings"): decode it now for its bounds.
            let n = info.docFreq
            var docs = [UInt32](repeating: 0, count: n), freqs = [UInt32](repeating: 0, count: n)
            let (layout, file, docLimit) = (layout, file, docLimit)
            (pendingFreqs, pendingWidth) = try docs.withUnsafeMutableBufferPointer { d in
                try freqs.withUnsafeMutableBufferPointer { f in
                    try Self.decodeBlock(&r, count: n, after: -1, layout: layout, dataStart: info.offset, docLimit: docLimit,
                                         file: file, docs: d.baseAddress!, freqs: f.baseAddress!)
                }
            }
            self.docs = docs
            self.freqs = freqs
            count = n
            // Its bound reads every document's length: only done when a query asks for it.
            pendingLengths = lengthColumn
            blocks = [Block(last: Int32(docs[n - 1]), dataStart: info.offset, posStart: r.offset, posLength: end - r.offset,
                            impactOffset: -1, impactCount: 1, impactStart: 0)]
            impactsDecoded = true
            block = 0
            blockLast = blocks[0].last
            index = -1
        } else {
            docs = []
            freqs = []
            blocks = try Self.readBlocks(&r, bytes: bytes, info: info, docCount: docCount, end: end, layout: layout, file: file)
        }
    }

    /// The block metadata of a term of more than one block (or of the counted layout).
    private static func readBlocks(_ r: inout ByteReader, bytes: UnsafeRawBufferPointer, info: TermInfo, docCount: Int, end: Int,
                                   layout: PostingsFormat.Layout, file: String) throws -> [Block] {
        let count = (info.docFreq + BitPacking.blockSize - 1) / BitPacking.blockSize
        if layout == .counted {
            try CountedLayout.readBlockCount(&r, expected: count, docFreq: info.docFreq, offset: info.offset, file: file)
        }
        var blocks = [Block]()
        var last: Int64 = -1
        let limit = bytes.count
        blocks.reserveCapacity(count)
        var dataBytes = 0
        for _ in 0 ..< count {
            // Each block ends past the previous one, below the document count (checked after the loop).
            let delta = try r.count(limit: docCount)
            guard delta > 0 else {
                throw FormatError.corrupt(file: file, detail: "a postings block at byte \(info.offset) ends where the previous one does")
            }
            last += Int64(delta)
            let d = try r.count(limit: r.remaining), p = try r.count(limit: r.remaining)
            // Impacts are skipped here (most queries read a few blocks' impacts, or none):
            // their varints are only checked to end in time, so decoding them later cannot fail.
            let n = layout == .compact
                ? try CompactLayout.readImpactCount(&r, limit: Self.maxImpacts, file: file) : CountedLayout.impactsPerBlock
            let impactOffset = r.offset
            // A tight scan for the 2n varints' last bytes, bounded by the term's own end.
            var k = impactOffset, ends = 0, run = 0
            while ends < 2 * n {
                guard k < limit else { throw FormatError.corrupt(file: file, detail: "postings at byte \(info.offset) overrun their length") }
                if bytes[k] < 0x80 { ends += 1; run = 0 } else {
                    run += 1
                    guard run < 10 else { throw FormatError.corrupt(file: file, detail: "overlong variable-length integer at byte \(k)") }
                }
                k += 1
            }
            r.offset = k
            blocks.append(Block(last: Int32(truncatingIfNeeded: last), dataStart: dataBytes, posStart: 0, posLength: p,
                                impactOffset: impactOffset, impactCount: n))
            dataBytes += d
        }
        let dataBase = r.offset
        var p = dataBase + dataBytes
        for b in blocks.indices {
            blocks[b].dataStart += dataBase
            blocks[b].posStart = p
            p += blocks[b].posLength
        }
        guard p <= end, last < Int64(docCount) else {
            throw FormatError.corrupt(file: file, detail: "postings at byte \(info.offset) overrun their length")
        }
        return blocks
    }

    public var blockCount: Int { blocks.count }

    /// Bytes of positions in this term's postings (`news-index stats --terms`).
    public var positionBytes: Int { blocks.reduce(0) { $0 + $1.posLength } }

    /// Back to before the first document (a block already decoded stays decoded
    /// when it is the first: a one-block term is not decoded again).
    public mutating func rewind() {
        if block != 0 { block = -1; count = 0; blockLast = -1 }
        index = -1
        current = -1
    }

    /// The impacts of block `b`.
    public mutating func impacts(of b: Int) -> ArraySlice<Impact> {
        if pendingLengths != nil { computeOneBlockBound() }
        if blocks[b].impactStart < 0 { decodeImpacts(b) }
        let start = Int(blocks[b].impactStart)
        return impacts[start ..< start + blocks[b].impactCount]
    }

    /// `body` of the impacts of block `b`, in place (`impacts(of:)` hands out a slice, which
    /// retains and releases the array: block-max pruning asks at every window).
    @inline(__always)
    public mutating func withImpacts<R>(of b: Int, _ body: (UnsafeBufferPointer<Impact>) -> R) -> R {
        if pendingLengths != nil { computeOneBlockBound() }
        if blocks[b].impactStart < 0 { decodeImpacts(b) }
        let start = Int(blocks[b].impactStart), n = blocks[b].impactCount
        return impacts.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start ..< start + n])) }
    }

    /// Every block's impacts.
    public mutating func allImpacts() -> ArraySlice<Impact> {
        if pendingLengths != nil { computeOneBlockBound() }
        if !impactsDecoded {
            impacts.reserveCapacity(blocks.count * 2)
            for b in blocks.indices where blocks[b].impactStart < 0 { decodeImpacts(b) }
            impactsDecoded = true
        }
        return impacts[...]
    }

    /// Appends block `b`'s impacts to `impacts` (their varints were checked when the cursor was made).
    private mutating func decodeImpacts(_ b: Int) {
        blocks[b].impactStart = Int32(impacts.count)
        // No file name: these varints were checked when the cursor was made, so nothing here throws
        // (the name cost a retain and a release per block asked for).
        var r = ByteReader(bytes, offset: blocks[b].impactOffset, file: "")
        for _ in 0 ..< blocks[b].impactCount {
            let freq = UInt32(truncatingIfNeeded: (try? r.vint()) ?? 0)
            impacts.append(Impact(freq: freq, length: UInt32(truncatingIfNeeded: (try? r.vint()) ?? 0)))
        }
    }

    /// A one-block term: one pair (largest frequency, shortest length) bounds its
    /// few documents well enough (the cursor never leaves its one block, so it is still decoded).
    private mutating func computeOneBlockBound() {
        guard let column = pendingLengths else { return }
        pendingLengths = nil
        if pendingFreqs >= 0 { unpackFrequencies() }
        var bound = Impact(freq: 0, length: .max)
        for k in 0 ..< count {
            bound.freq = max(bound.freq, freqs[k])
            bound.length = min(bound.length, column.loadUnaligned(fromByteOffset: 8 * Int(docs[k]), as: UInt32.self))
        }
        impacts = [bound]
    }

    /// The Pareto frontier of `pairs` (no kept pair has both a lower frequency and a
    /// greater length than another), shortest first, coarsened to `maxImpacts` pairs
    /// by merging neighbours into a pair that dominates both.
    public static func frontier(_ pairs: [Impact]) -> [Impact] {
        // The shortest length at each frequency (a block has few distinct frequencies, so this
        // beats sorting its pairs, which cost a tenth of a merge); then, from the highest
        // frequency down, each that is shorter than every higher one.
        var shortest = [Impact]()
        for p in pairs {
            if let i = shortest.firstIndex(where: { $0.freq == p.freq }) {
                if p.length < shortest[i].length { shortest[i].length = p.length }
            } else {
                shortest.append(p)
            }
        }
        shortest.sort { $0.freq > $1.freq }
        var kept = [Impact]()
        var bound = Int64.max
        for p in shortest where Int64(p.length) < bound {
            kept.append(p)
            bound = Int64(p.length)
        }
        kept.reverse()
        while kept.count > maxImpacts {
            // Merge the neighbours closest in frequency: (the higher frequency, the shorter length).
            var best = 0
            for i in 0 ..< kept.count - 1 where kept[i + 1].freq - kept[i].freq < kept[best + 1].freq - kept[best].freq { best = i }
            kept[best] = Impact(freq: kept[best + 1].freq, length: kept[best].length)
            kept.remove(at: best + 1)
        }
        return kept
    }

    /// Documents in block `b`.
    func size(of b: Int) -> Int { b < blocks.count - 1 ? BitPacking.blockSize : docFreq - BitPacking.blockSize * (blocks.count - 1) }

    private mutating func load(_ b: Int) throws {
        blockLast = -1  // until the block is decoded and checked
        if docs.count < BitPacking.blockSize {
            docs = [UInt32](repeating: 0, count: BitPacking.blockSize)
            freqs = [UInt32](repeating: 0, count: BitPacking.blockSize)
        }
        do {
            // The block is read without the file's name (copying the string cost a retain and a
            // release per block, twice); the rare error is given it below.
            var r = ByteReader(bytes, offset: blocks[b].dataStart, file: "")
            try decode(b, &r)
            guard docs[count - 1] == UInt32(bitPattern: blocks[b].last) else {
                throw FormatError.corrupt(file: file, detail: "postings block does not end at its recorded document")
            }
        } catch FormatError.corrupt(let unnamed, let detail) where unnamed.isEmpty {
            stop()
            throw FormatError.corrupt(file: file, detail: detail)
        } catch {
            stop()
            throw error
        }
        blockLast = blocks[b].last
    }

    /// After damage: at the end, with nothing decoded (a `seek` back decodes again, and throws again).
    private mutating func stop() {
        block = -1
        count = 0
        index = -1
        current = Self.end
        blockLast = -1
        pendingFreqs = -1
        compactPositions.block = -1
    }

    /// Decodes block `b`'s documents and frequencies from `r` and resets its positions.
    /// - Throws: as `decodeBlock`.
    private mutating func decode(_ b: Int, _ r: inout ByteReader) throws {
        block = b
        count = size(of: b)
        let first: Int64 = b == 0 ? -1 : Int64(blocks[b - 1].last)
        let (n, dataStart, layout, docLimit) = (count, blocks[b].dataStart, layout, docLimit)
        let file = r.file  // "" from `load`, which names the file in an error
        // One pointer each for the whole block (element writes through the struct's arrays
        // checked their uniqueness every time).
        (pendingFreqs, pendingWidth) = try docs.withUnsafeMutableBufferPointer { docs in
            try freqs.withUnsafeMutableBufferPointer { freqs in
                try Self.decodeBlock(&r, count: n, after: first, layout: layout, dataStart: dataStart, docLimit: docLimit, file: file,
                                     docs: docs.baseAddress!, freqs: freqs.baseAddress!)
            }
        }
        index = -1
        if layout == .counted { countedPositions.begin(at: blocks[b].posStart) }
        compactPositions.block = -1
    }

    /// Decodes a block of `n` documents that follow document `first` from `r` into `docs` and
    /// `freqs`; returns where its frequencies are left packed (`FullBlock.decode`), or (-1, 0).
    /// - Throws: when a document is not above the one before it (a delta of 0) or is not
    ///   below the segment's document count; checked once for the block, not per document.
    @inline(__always)
    private static func decodeBlock(_ r: inout ByteReader, count n: Int, after first: Int64, layout: PostingsFormat.Layout, dataStart: Int,
                                    docLimit: Int64, file: String, docs: UnsafeMutablePointer<UInt32>,
                                    freqs: UnsafeMutablePointer<UInt32>) throws -> (offset: Int, width: Int) {
        let full = n == BitPacking.blockSize
        // The running document and the smallest delta (0 would repeat a document, or make the
        // first one −1; in a compact-layout tail, the smallest entry, whose delta is entry >> 1).
        var previous = first, smallest = UInt64.max
        var pending = (offset: -1, width: 0)
        if full {
            pending = try FullBlock.decode(&r, docs: docs, freqs: freqs, previous: &previous, smallest: &smallest,
                                           dataStart: dataStart, file: file)
        } else if layout == .compact {
            try CompactLayout.decodeTail(&r, count: n, docs: docs, freqs: freqs, previous: &previous, smallest: &smallest, file: file)
        } else {
            try CountedLayout.decodeTail(&r, count: n, docs: docs, freqs: freqs, previous: &previous, smallest: &smallest, file: file)
        }
        // Deltas of at least 1 from −1 or the previous block's last: every document is above
        // the one before it, so the last being below the count bounds them all.
        let minimum = full ? 1 : layout == .compact ? CompactLayout.tailMinimum : CountedLayout.tailMinimum
        guard smallest >= minimum else {
            throw FormatError.corrupt(file: file, detail: "the postings block at byte \(dataStart) has a document delta of 0 (a repeated document, or −1)")
        }
        guard previous < docLimit else {
            throw FormatError.corrupt(file: file, detail: "the postings block at byte \(dataStart) holds document \(previous), past the segment's \(docLimit)")
        }
        return pending
    }

    /// Moves to the next document; returns it, or `end`.
    @discardableResult
    public mutating func next() throws -> Int32 {
        if doc == Self.end { return doc }
        if block < 0 || index + 1 >= count {
            let b = block + 1
            guard b < blocks.count else { current = Self.end; return current }
            try load(b)
        }
        index += 1
        current = Int32(docs[index])
        return current
    }

    /// Appends every posting after the current one (for a merge): each document renumbered
    /// through `map` (left out where its entry is negative), its frequency and its positions.
    /// - Complexity: O(postings), decoding each block once.
    mutating func appendAll(renumberedBy map: [Int32], docs outDocs: inout [UInt32], freqs outFreqs: inout [UInt32],
                            positions outPositions: inout [UInt32]) throws {
        guard layout == .compact else {
            var scratch = [UInt32]()
            while try next() != Self.end {
                let m = map[Int(current)]
                guard m >= 0 else { continue }
                outDocs.append(UInt32(m))
                outFreqs.append(freq)
                try positions(into: &scratch)
                outPositions += scratch
            }
            return
        }
        while true {
            if block < 0 || index + 1 >= count {
                let b = block + 1
                guard b < blocks.count else { current = Self.end; return }
                try load(b)
            }
            if pendingFreqs >= 0 { unpackFrequencies() }
            let withPositions = blocks[block].posLength > 0
            if withPositions && compactPositions.block != block { try decodeCompactPositions() }
            for i in index + 1 ..< count {
                let m = map[Int(docs[i])]
                guard m >= 0 else { continue }
                outDocs.append(UInt32(m))
                outFreqs.append(freqs[i])
                if withPositions {
                    let start = Int(compactPositions.starts[i])
                    outPositions.append(contentsOf: compactPositions.values[start ..< start + Int(freqs[i])])
                }
            }
            index = count - 1
            current = Int32(docs[index])
        }
    }

    /// Moves to the first document ≥ `target` (skipping whole blocks); returns it, or `end`.
    @inlinable @discardableResult
    public mutating func advance(to target: Int32) throws -> Int32 {
        if current >= target { return current }
        if target <= blockLast {
            // Inside the current block: its last document is ≥ target, so the scan stops there.
            var i = index + 1
            while Int32(truncatingIfNeeded: docs[i]) < target { i += 1 }
            index = i
            current = Int32(truncatingIfNeeded: docs[i])
            return current
        }
        return try advanceBlocks(to: target)
    }

    /// Moves to the first document ≥ `target`, backwards too (`advance(to:)` only goes forward):
    /// a target inside the current block is found there, without decoding it again (re-ranking
    /// visits a few documents after a pass has left the cursor further on).
    public mutating func seek(to target: Int32) throws -> Int32 {
        if block >= 0 && target <= blockLast && (block == 0 || blocks[block - 1].last < target) {
            var i = 0
            while Int32(truncatingIfNeeded: docs[i]) < target { i += 1 }
            index = i
            current = Int32(truncatingIfNeeded: docs[i])
            return current
        }
        if current > target { rewind() }
        return try advance(to: target)
    }

    /// `advance(to:)` past the current block.
    @usableFromInline
    mutating func advanceBlocks(to target: Int32) throws -> Int32 {
        var b = max(block, 0)
        while b < blocks.count && blocks[b].last < target { b += 1 }
        guard b < blocks.count else { current = Self.end; return current }
        if b != block { try load(b) }
        while index + 1 < count {
            index += 1
            if Int32(docs[index]) >= target { current = Int32(docs[index]); return current }
        }
        current = Self.end
        return current
    }

    /// The block that would hold `target` (blockCount when past the end), without decoding anything.
    public func blockIndex(for target: Int32) -> Int {
        var b = max(block, 0)
        while b < blocks.count && blocks[b].last < target { b += 1 }
        return b
    }

    /// The current document's frequency.
    public var freq: UInt32 {
        mutating get {
            if pendingFreqs >= 0 { unpackFrequencies() }
            return freqs[index]
        }
    }

    /// Unpacks the current full block's frequencies (their bytes were bounds-checked by `decode`).
    private mutating func unpackFrequencies() {
        let (offset, width) = (pendingFreqs, pendingWidth)
        pendingFreqs = -1
        freqs.withUnsafeMutableBufferPointer { out in
            FullBlock.unpackFrequencies(bytes, offset: offset, width: width, into: out.baseAddress!)
        }
    }

    /// The positions of the current document, ascending.
    public mutating func positions(into out: inout [UInt32]) throws {
        out.removeAll(keepingCapacity: true)
        if pendingFreqs >= 0 { unpackFrequencies() }
        guard blocks[block].posLength > 0 else { return }  // a term stored without positions (words)
        if layout == .compact {
            if compactPositions.block != block { try decodeCompactPositions() }
            let start = Int(compactPositions.starts[index])
            for k in start ..< start + Int(freqs[index]) { out.append(compactPositions.values[k]) }
            return
        }
        try countedPositions.read(index, freqs: freqs, into: &out)
    }

    /// The first position of the current document (nil for a term stored without
    /// positions). The compact layout reads one value, not the block's positions (unless they
    /// are decoded already); versions 1 and 2 decode the document's positions.
    /// - Complexity: O(runs of 128 before the value) plus the varints before it in the block's tail.
    public mutating func firstPosition() throws -> UInt32? {
        guard blocks[block].posLength > 0 else { return nil }
        if layout == .counted {
            var out = [UInt32]()
            try positions(into: &out)
            return out.first
        }
        if compactPositions.block == block { return compactPositions.values[Int(compactPositions.starts[index])] }
        if pendingFreqs >= 0 { unpackFrequencies() }
        return try CompactLayout.firstPosition(of: index, count: count, freqs: freqs, at: blocks[block].posStart,
                                               length: blocks[block].posLength, bytes: bytes, file: file)
    }

    /// The compact layout: decodes every position of the current block (`CompactLayout.Positions`).
    private mutating func decodeCompactPositions() throws {
        try compactPositions.decode(block: block, at: blocks[block].posStart, length: blocks[block].posLength, count: count,
                                    docs: docs, freqs: freqs, lengthColumn: lengthColumn, bytes: bytes, file: file)
    }
}
