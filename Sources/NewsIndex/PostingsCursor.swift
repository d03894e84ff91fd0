import IndexFormat

/// Walks one term's postings in a segment: documents in order with their
/// frequencies, positions on demand, and the per-block maxima that let a
/// query skip blocks that cannot make the top k.
public struct PostingsCursor {
    public static let end = Int32.max

    let bytes: UnsafeRawBufferPointer
    let file: String
    public let docFreq: Int
    /// Per block: last document, start of its doc data, start of its positions, max frequency, min field length.
    public private(set) var blockLast: [Int32] = []
    var dataStart: [Int] = []
    var posStart: [Int] = []
    var posLength: [Int] = []
    public private(set) var blockMaxFreq: [UInt32] = []
    public private(set) var blockMinLength: [UInt32] = []

    public private(set) var block = -1
    var docs = [UInt32](repeating: 0, count: BitPacking.blockSize)
    var freqs = [UInt32](repeating: 0, count: BitPacking.blockSize)
    var count = 0
    var index = -1
    /// The current document, -1 before the first `next`, `end` when exhausted.
    public private(set) var doc: Int32 = -1
    // Positions: the reader of the current block's positions and how many values it has passed.
    var posReader: ByteReader
    var posConsumed = 0

    init(segment: SegmentReader, info: TermInfo) throws {
        bytes = segment.post.bytes
        file = segment.post.path
        docFreq = info.docFreq
        var r = ByteReader(bytes, offset: info.offset, file: file)
        let blocks = try r.count(limit: info.docFreq / BitPacking.blockSize + 1)
        var last: Int64 = -1
        var metas = [(Int, Int)]()
        blockLast.reserveCapacity(blocks)
        for _ in 0 ..< blocks {
            last += Int64(try r.vint())
            blockLast.append(Int32(truncatingIfNeeded: last))
            metas.append((try r.count(limit: Int.max), try r.count(limit: Int.max)))
            blockMaxFreq.append(UInt32(truncatingIfNeeded: try r.vint()))
            blockMinLength.append(UInt32(truncatingIfNeeded: try r.vint()))
        }
        var d = r.offset
        for (dataBytes, _) in metas { dataStart.append(d); d += dataBytes }
        var p = d
        for (_, posBytes) in metas { posStart.append(p); posLength.append(posBytes); p += posBytes }
        guard p <= info.offset + info.length, last < Int64(segment.docCount) else {
            throw FormatError.corrupt(file: file, detail: "postings at byte \(info.offset) overrun their length")
        }
        posReader = ByteReader(bytes, offset: 0, file: file)
    }

    public var blockCount: Int { blockLast.count }

    /// Documents in block `b`.
    func size(of b: Int) -> Int { b < blockLast.count - 1 ? BitPacking.blockSize : docFreq - BitPacking.blockSize * (blockLast.count - 1) }

    private mutating func load(_ b: Int) throws {
        block = b
        count = size(of: b)
        var r = ByteReader(bytes, offset: dataStart[b], file: file)
        var previous: Int64 = b == 0 ? -1 : Int64(blockLast[b - 1])
        if count == BitPacking.blockSize {
            let dw = Int(try r.u8())
            try docs.withUnsafeMutableBufferPointer { try BitPacking.unpack(&r, width: dw, into: $0.baseAddress!) }
            let fw = Int(try r.u8())
            try freqs.withUnsafeMutableBufferPointer { try BitPacking.unpack(&r, width: fw, into: $0.baseAddress!) }
            for k in 0 ..< count {
                previous += Int64(docs[k])
                docs[k] = UInt32(truncatingIfNeeded: previous)
                freqs[k] += 1
            }
        } else {
            for k in 0 ..< count {
                previous += Int64(try r.vint())
                docs[k] = UInt32(truncatingIfNeeded: previous)
                freqs[k] = UInt32(truncatingIfNeeded: try r.vint())
            }
        }
        guard previous == Int64(blockLast[b]) else {
            throw FormatError.corrupt(file: file, detail: "postings block does not end at its recorded document")
        }
        index = -1
        posReader = ByteReader(bytes, offset: posStart[b], file: file)
        posConsumed = 0
    }

    /// Moves to the next document; returns it, or `end`.
    @discardableResult
    public mutating func next() throws -> Int32 {
        if doc == Self.end { return doc }
        if block < 0 || index + 1 >= count {
            let b = block + 1
            guard b < blockLast.count else { doc = Self.end; return doc }
            try load(b)
        }
        index += 1
        doc = Int32(docs[index])
        return doc
    }

    /// Moves to the first document ≥ `target` (skipping whole blocks); returns it, or `end`.
    @discardableResult
    public mutating func advance(to target: Int32) throws -> Int32 {
        if doc >= target { return doc }
        var b = max(block, 0)
        while b < blockLast.count && blockLast[b] < target { b += 1 }
        guard b < blockLast.count else { doc = Self.end; return doc }
        if b != block { try load(b) }
        while index + 1 < count {
            index += 1
            if Int32(docs[index]) >= target { doc = Int32(docs[index]); return doc }
        }
        doc = Self.end
        return doc
    }

    /// The block that would hold `target` (blockCount when past the end), without decoding anything.
    public func blockIndex(for target: Int32) -> Int {
        var b = max(block, 0)
        while b < blockLast.count && blockLast[b] < target { b += 1 }
        return b
    }

    public var freq: UInt32 { freqs[index] }

    /// The positions of the current document, ascending.
    public mutating func positions(into out: inout [UInt32]) throws {
        out.removeAll(keepingCapacity: true)
        guard posLength[block] > 0 else { return }  // a term stored without positions (words)
        var skip = 0
        for k in 0 ..< index { skip += Int(freqs[k]) }
        if skip < posConsumed {
            posReader = ByteReader(bytes, offset: posStart[block], file: file)
            posConsumed = 0
        }
        while posConsumed < skip { _ = try posReader.vint(); posConsumed += 1 }
        var previous: UInt64 = 0
        for _ in 0 ..< Int(freqs[index]) {
            previous += try posReader.vint()
            out.append(UInt32(truncatingIfNeeded: previous - 1))
            posConsumed += 1
        }
    }
}
