#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IndexFormat
import NewsText

/// Bytewise "less than" through memcmp.
@inline(__always)
func memcmpLess(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = min(x.count, y.count)
    if n > 0, let a = x.baseAddress, let b = y.baseAddress {
        let c = memcmp(a, b, n)
        if c != 0 { return c < 0 }
    }
    return x.count < y.count
}

/// An in-memory segment under construction: a term table, growing postings
/// per term, and the documents' columns and stored fields. One per indexing
/// thread; flushed to disk as an immutable segment when it reaches its memory
/// budget.
///
/// Per token, the work is one hash probe and a few byte stores: terms of up to
/// three UTF-16 units (bigrams, unigrams, short words; most tokens) are looked
/// up by a packed 64-bit key, longer ones by a hash over the normalized text
/// compared against a unit arena. Each term owns two byte streams in a
/// `SlicePool`: `(document delta, frequency)` varints, written when the term
/// shows up in a later document (the current document's entry stays pending
/// in the term's state), and position deltas, written as they come (words have
/// none). Nothing is sorted per document and nothing is allocated per token.
final class SegmentBuilder {
    /// One term's state while its postings grow: what a token touches, 32 bytes, so that it
    /// costs one cache line (the states are scattered across tens of megabytes, and this
    /// miss is most of a token's cost). Where the streams start is kept apart (`starts`);
    /// the document count is where the document stream ends.
    private struct TermState {
        /// The last document the term occurs in, and how often (its entry is not written yet).
        var lastDoc: Int32 = -1
        var pendingFreq: UInt32 = 0
        /// The document of the last written entry (the delta base).
        var writtenDoc: Int32 = -1
        /// Position + 1 of the term's last occurrence in `lastDoc` (the position delta base).
        var lastPosition: UInt32 = 0
        var docs: SlicePool.Cursor
        /// `write` −1 when the term keeps no positions (words).
        var positions: SlicePool.Cursor
    }

    /// Where a term's streams start; −1 for the positions of a term without them.
    private struct StreamStarts {
        var docs: Int32
        var positions: Int32
    }

    /// The bytes a term's state counts for in `estimatedBytes`: the size the state had when
    /// segments were first cut by budget, kept so that they are still cut where they were.
    private static let accountedStateBytes = 52

    private let pool = SlicePool()
    private var terms: UnsafeMutablePointer<TermState>
    private var starts: [StreamStarts] = []
    private var termCapacity = 1 << 12
    private(set) var termCount = 0
    /// Term keys as `field << 8 | kind` then normalized UTF-16 units (UTF-8 only at flush).
    private var arena: [UInt16] = []
    private var termStart: [Int32] = []
    /// Open addressing over packed keys of short terms (key 0 = empty), key and id side by side.
    private struct Slot {
        var key: UInt64
        var id: Int32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var packedBits = 16
    private var scratchKeys: [UInt64] = []
    private var scratchIDs: [Int32] = []
    /// Where the cache-warming loads of `addTokens` go (so they are not optimized away).
    private(set) var sink: UInt64 = 0
    private var packedCount = 0
    /// Open addressing over long terms: hash high 32 bits << 32 | term id + 1 (0 = empty).
    private var longSlots: UnsafeMutablePointer<UInt64>
    private var longBits = 12
    private var longCount = 0

    private(set) var columns: [DocumentColumns] = []
    private(set) var stored: [StoredArticle] = []
    /// Each document's place in the writer's input order (for last-wins replacement).
    private(set) var sequence: [Int64] = []
    private var storedBytes = 0

    init() {
        terms = Self.allocateStates(termCapacity)
        slots = .allocate(capacity: 1 << packedBits)
        slots.initialize(repeating: Slot(key: 0, id: 0), count: 1 << packedBits)
        longSlots = .allocate(capacity: 1 << longBits)
        longSlots.initialize(repeating: 0, count: 1 << longBits)
    }

    /// States aligned to a cache line, so that no state straddles two.
    private static func allocateStates(_ count: Int) -> UnsafeMutablePointer<TermState> {
        UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<TermState>.stride, alignment: 64)
            .bindMemory(to: TermState.self, capacity: count)
    }

    deinit {
        terms.deallocate()
        slots.deallocate()
        longSlots.deallocate()
    }

    var docCount: Int { columns.count }

    /// The bytes held, for the flush decision: postings pool, term tables and
    /// keys, columns and stored text. Only from what was added (counts, never an
    /// array's capacity, which depends on what the allocator handed back): where a
    /// segment ends must not depend on anything but the input.
    var estimatedBytes: Int {
        pool.allocatedBytes + termCapacity * Self.accountedStateBytes + (1 << packedBits) * MemoryLayout<Slot>.stride + (1 << longBits) * 8
            + arena.count * 2 + termStart.count * 4 + storedBytes + columns.count * (MemoryLayout<DocumentColumns>.stride + 400)
    }

    /// Adds the tokens the analyzer holds for one field of the document being built.
    /// Call for each field, then `finishDocument`.
    func addTokens(field: Field, analyzer: Analyzer) {
        analyzer.withNormalized { text in
            analyzer.tokens.withUnsafeBufferPointer { tokens in addTokens(field: field, text: text, tokens: tokens) }
        }
    }

    /// Adds one field's tokens, `tokens` being positions in its normalized `text`.
    func addTokens(field: Field, text: UnsafeBufferPointer<UInt16>, tokens: UnsafeBufferPointer<Token>) {
        let doc = Int32(columns.count)
        let head = UInt16(field.rawValue) << 8
        if scratchKeys.count < tokens.count {
            scratchKeys = [UInt64](repeating: 0, count: tokens.count * 2)
            scratchIDs = [Int32](repeating: 0, count: tokens.count * 2)
        }
        scratchKeys.withUnsafeMutableBufferPointer { keys in
            scratchIDs.withUnsafeMutableBufferPointer { ids in
                // Three passes, so that the hash-table and term-state cache misses of a
                // field's tokens overlap instead of coming one after another.
                var touched: UInt64 = 0
                for (i, t) in tokens.enumerated() where t.end - t.start <= 3 {
                    let key = Self.packedKey(head | UInt16(t.kind.rawValue), UnsafeBufferPointer(rebasing: text[Int(t.start) ..< Int(t.end)]))
                    keys[i] = key
                    touched &+= slots[home(key)].key
                }
                for (i, t) in tokens.enumerated() {
                    let units = UnsafeBufferPointer(rebasing: text[Int(t.start) ..< Int(t.end)])
                    let kindHead = head | UInt16(t.kind.rawValue)
                    let id = units.count <= 3 ? internShort(keys[i], kindHead, units) : internLong(kindHead, units)
                    ids[i] = Int32(id)
                    touched &+= UInt64(bitPattern: Int64(terms[id].lastDoc))
                }
                for (i, t) in tokens.enumerated() { occur(Int(ids[i]), doc: doc, position: UInt32(bitPattern: t.start)) }
                sink &+= touched
            }
        }
    }

    @inline(__always)
    private func occur(_ id: Int, doc: Int32, position: UInt32) {
        let s = terms + id
        if s.pointee.lastDoc != doc {
            if s.pointee.lastDoc >= 0 {
                pool.appendVint(UInt32(s.pointee.lastDoc - s.pointee.writtenDoc), &s.pointee.docs)
                pool.appendVint(s.pointee.pendingFreq, &s.pointee.docs)
                s.pointee.writtenDoc = s.pointee.lastDoc
            }
            s.pointee.lastDoc = doc
            s.pointee.pendingFreq = 0
            s.pointee.lastPosition = 0
        }
        s.pointee.pendingFreq += 1
        if s.pointee.positions.write >= 0 {
            let p = position &+ 1
            pool.appendVint(p &- s.pointee.lastPosition, &s.pointee.positions)
            s.pointee.lastPosition = p
        }
    }

    @inline(__always)
    private static func packedKey(_ head: UInt16, _ units: UnsafeBufferPointer<UInt16>) -> UInt64 {
        var key = UInt64(head & 0xF00) << 52 | UInt64(head & 0xFF) << 56 | UInt64(units.count) << 48
        for (i, u) in units.enumerated() { key |= UInt64(u) << (32 - 16 * i) }
        return key
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - packedBits)) }

    @inline(__always)
    private func internShort(_ key: UInt64, _ head: UInt16, _ units: UnsafeBufferPointer<UInt16>) -> Int {
        let mask = (1 << packedBits) - 1
        var i = home(key)
        while true {
            let k = slots[i].key
            if k == key { return Int(slots[i].id) }
            if k == 0 { break }
            i = (i + 1) & mask
        }
        let id = newTerm(head, units)
        slots[i] = Slot(key: key, id: Int32(id))
        packedCount += 1
        if packedCount * 2 > mask { growPacked() }
        return id
    }

    private func growPacked() {
        let old = slots, oldSize = 1 << packedBits
        packedBits += 1
        let mask = (1 << packedBits) - 1
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: Slot(key: 0, id: 0), count: mask + 1)
        for j in 0 ..< oldSize where old[j].key != 0 {
            var i = home(old[j].key)
            while slots[i].key != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }

    @inline(__always)
    private static func hashLong(_ head: UInt16, _ units: UnsafeBufferPointer<UInt16>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(head)
        for u in units { h = (h ^ UInt64(u)) &* 0x100_0000_01b3; h ^= h >> 29 }
        return h
    }

    private func internLong(_ head: UInt16, _ units: UnsafeBufferPointer<UInt16>) -> Int {
        let h = Self.hashLong(head, units)
        let mask = (1 << longBits) - 1
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = longSlots[i]
            if s == 0 { break }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let candidate = Int(s & 0xFFFF_FFFF) - 1
                if keyEquals(candidate, head, units) { return candidate }
            }
            i = (i + 1) & mask
        }
        let id = newTerm(head, units)
        longSlots[i] = tag | UInt64(id + 1)
        longCount += 1
        if longCount * 2 > mask { growLong() }
        return id
    }

    @inline(__always)
    private func keyEquals(_ id: Int, _ head: UInt16, _ units: UnsafeBufferPointer<UInt16>) -> Bool {
        let a = Int(termStart[id])
        let b = id + 1 < termStart.count ? Int(termStart[id + 1]) : arena.count
        guard b - a == units.count + 1, arena[a] == head else { return false }
        return arena.withUnsafeBufferPointer { ar in memcmp(ar.baseAddress! + a + 1, units.baseAddress!, units.count * 2) == 0 }
    }

    private func growLong() {
        let old = longSlots, oldSize = 1 << longBits
        longBits += 1
        let mask = (1 << longBits) - 1
        longSlots = .allocate(capacity: mask + 1)
        longSlots.initialize(repeating: 0, count: mask + 1)
        arena.withUnsafeBufferPointer { ar in
            for j in 0 ..< oldSize where old[j] != 0 {
                let id = Int(old[j] & 0xFFFF_FFFF) - 1
                let a = Int(termStart[id]), b = id + 1 < termStart.count ? Int(termStart[id + 1]) : ar.count
                let h = Self.hashLong(ar[a], UnsafeBufferPointer(rebasing: ar[a + 1 ..< b]))
                var i = Int(truncatingIfNeeded: h) & mask
                while longSlots[i] != 0 { i = (i + 1) & mask }
                longSlots[i] = old[j]
            }
        }
        old.deallocate()
    }

    private func newTerm(_ head: UInt16, _ units: UnsafeBufferPointer<UInt16>) -> Int {
        if termCount == termCapacity {
            let grown = Self.allocateStates(termCapacity * 2)
            grown.moveInitialize(from: terms, count: termCount)
            terms.deallocate()
            terms = grown
            termCapacity *= 2
        }
        let id = termCount
        termCount += 1
        termStart.append(Int32(arena.count))
        arena.append(head)
        arena.append(contentsOf: units)
        let docs = pool.start()
        let positions = UInt8(head & 0xFF) == TokenKind.word.rawValue ? nil : pool.start()
        (terms + id).initialize(to: TermState(docs: docs, positions: positions ?? SlicePool.Cursor(write: -1, end: -1)))
        starts.append(StreamStarts(docs: docs.write, positions: positions?.write ?? -1))
        return id
    }

    /// Completes the current document (its tokens are already in the postings).
    func finishDocument(_ c: DocumentColumns, _ s: StoredArticle, sequence seq: Int64) {
        columns.append(c)
        stored.append(s)
        sequence.append(seq)
        storedBytes += s.headline.utf8.count + s.body.utf8.count + s.location.utf8.count + s.source.utf8.count + s.url.utf8.count + 96
    }

    /// Writes the segment `name` into `directory`, with `deleted` documents
    /// marked in a deletion file of `generation`. With `threads` above 1, the
    /// stored articles are compressed on a thread of their own while the terms'
    /// postings are encoded in chunks side by side; the files are the same.
    func flush(directory: String, name: String, deleted: Set<UInt32>, generation: UInt64, threads: Int = 1,
               chunkTerms: Int = 1 << 12) throws -> SegmentInfo {
        var writer = try SegmentWriter(directory: directory, name: name)
        let compressing = DispatchGroup()
        nonisolated(unsafe) var storeBlocks: [(firstDoc: UInt32, bytes: [UInt8], rawLength: Int)] = []
        if threads > 1 {
            for c in columns { writer.addColumns(c) }
            let stored = self.stored
            DispatchQueue.global().async(group: compressing) { storeBlocks = SegmentWriter.compressedStoreBlocks(stored) }
        } else {
            for (c, s) in zip(columns, stored) { try writer.addDocument(c, s) }
        }
        // On an error below, the compression still ends before the error leaves.
        defer { compressing.wait() }
        let (flat, keyStart, order) = sortedKeys()
        // With one thread, OrderedWork encodes and writes the chunks one after the other.
        try addTermsSideBySide(order, flat, keyStart, threads: threads, chunkTerms: max(1, chunkTerms), to: &writer)
        compressing.wait()
        for b in storeBlocks { try b.bytes.withUnsafeBytes { try writer.addStoreBlock($0, rawLength: b.rawLength, firstDoc: b.firstDoc) } }
        return try writer.finish(deleted: deleted, generation: generation)
    }

    /// Terms in chunks of `chunkTerms`, encoded side by side (`OrderedWork`) and written in order.
    private func addTermsSideBySide(_ order: [Int], _ flat: [UInt8], _ keyStart: [Int], threads: Int, chunkTerms: Int,
                                    to writer: inout SegmentWriter) throws {
        let lengths = writer.fieldLengths
        nonisolated(unsafe) let builder = self
        var next = 0
        try OrderedWork.run(threads: threads, window: 2 * threads, produce: { () -> Range<Int>? in
            guard next < order.count else { return nil }
            defer { next += chunkTerms }
            return next ..< min(order.count, next + chunkTerms)
        }, work: { range in
            var chunk = EncodedChunk(range: range)
            var encoder = PostingsEncoder()
            var docs = [UInt32](), freqs = [UInt32](), positions = [UInt32]()
            for i in range {
                let id = order[i]
                builder.decodePostings(id, &docs, &freqs, &positions)
                encoder.encode(flat[keyStart[id] ..< keyStart[id + 1]], docs: docs, freqs: freqs, positions: positions, lengths: lengths,
                               into: &chunk.bytes)
                chunk.ends.append(chunk.bytes.count)
                chunk.docFreqs.append(docs.count)
            }
            return chunk
        }, consume: { (chunk: EncodedChunk) in
            try chunk.bytes.bytes.withUnsafeBytes { all in
                var start = 0
                for (j, end) in chunk.ends.enumerated() {
                    let id = order[chunk.range.lowerBound + j]
                    try writer.addEncodedTerm(flat[keyStart[id] ..< keyStart[id + 1]], docFreq: chunk.docFreqs[j],
                                              postings: UnsafeRawBufferPointer(rebasing: all[start ..< end]))
                    start = end
                }
            }
        })
    }

    /// The postings of consecutive terms, encoded: the end of each term's bytes and its document count.
    private struct EncodedChunk {
        var range: Range<Int>
        var bytes = ByteWriter()
        var ends: [Int] = []
        var docFreqs: [Int] = []
    }

    /// Every term's UTF-8 key (FORMAT.md "Terms"), concatenated in `flat` from `keyStart[id]`,
    /// and the term ids in ascending key order.
    private func sortedKeys() -> (flat: [UInt8], keyStart: [Int], order: [Int]) {
        var flat = [UInt8]()
        var keyStart = [Int]()
        keyStart.reserveCapacity(termCount + 1)
        arena.withUnsafeBufferPointer { buf in
            var utf8 = [UInt8]()
            for id in 0 ..< termCount {
                let a = Int(termStart[id]), b = id + 1 < termCount ? Int(termStart[id + 1]) : buf.count
                let head = buf[a]
                TermKey.encode(field: Field(rawValue: UInt8(head >> 8)) ?? .body, kind: TokenKind(rawValue: UInt8(head & 0xFF)) ?? .word,
                               units: UnsafeBufferPointer(rebasing: buf[a + 1 ..< b]), into: &utf8)
                keyStart.append(flat.count)
                flat.append(contentsOf: utf8)
            }
        }
        keyStart.append(flat.count)
        // Sorted by the keys' first 8 bytes as a big-endian integer (a bigram's whole key),
        // then runs sharing them by the rest of the bytes.
        var order = [Int]()
        flat.withUnsafeBufferPointer { f in
            keyStart.withUnsafeBufferPointer { ks in
                func prefix(_ id: Int) -> UInt64 {
                    var v: UInt64 = 0
                    for k in 0 ..< 8 { v = v << 8 | UInt64(ks[id] + k < ks[id + 1] ? f[ks[id] + k] : 0) }
                    return v
                }
                func key(_ id: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: f[ks[id] ..< ks[id + 1]]) }
                var pairs = (0 ..< termCount).map { (prefix($0), $0) }
                pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : memcmpLess(key($0.1), key($1.1)) }
                order = pairs.map(\.1)
            }
        }
        return (flat, keyStart, order)
    }

    /// The postings of term `id`: its documents, a frequency each, and all positions in order.
    private func decodePostings(_ id: Int, _ docs: inout [UInt32], _ freqs: inout [UInt32], _ positions: inout [UInt32]) {
        let t = terms[id]
        docs.removeAll(keepingCapacity: true)
        freqs.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        let start = starts[id]
        var reader = SlicePool.Reader(pool: pool, start: start.docs, end: t.docs)
        var doc: Int32 = -1
        while !reader.atEnd {
            doc += Int32(reader.vint())
            docs.append(UInt32(doc))
            freqs.append(reader.vint())
        }
        docs.append(UInt32(t.lastDoc))
        freqs.append(t.pendingFreq)
        if start.positions >= 0 {
            var p = SlicePool.Reader(pool: pool, start: start.positions, end: t.positions)
            for f in freqs {
                var previous: UInt32 = 0
                for _ in 0 ..< f {
                    previous &+= p.vint()
                    positions.append(previous &- 1)
                }
            }
        }
    }
}
