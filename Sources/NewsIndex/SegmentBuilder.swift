import IndexFormat
import NewsText

/// An in-memory segment under construction: a term table, growing postings
/// per term, and the documents' columns and stored fields. One per indexing
/// thread; flushed to disk as an immutable segment when it reaches its memory
/// budget.
///
/// Terms are interned through an open-addressing table over a byte arena, so
/// adding a token allocates nothing; postings are kept as varints
/// (document delta, frequency, position deltas) and re-encoded in blocks at flush.
struct SegmentBuilder {
    private var arena: [UInt8] = []
    private var termStart: [Int32] = []
    private var termEnd: [Int32] = []
    private var termHash: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 1 << 16)
    private var postings: [[UInt8]] = []
    private var lastDoc: [Int32] = []
    private var docFreq: [Int32] = []

    private(set) var columns: [DocumentColumns] = []
    private(set) var stored: [StoredArticle] = []
    /// Each document's place in the writer's input order (for last-wins replacement).
    private(set) var sequence: [Int64] = []

    private var docTokens: [UInt64] = []  // termID << 32 | position, for the current document
    private var key: [UInt8] = []
    private var postingsBytes = 0
    private var storedBytes = 0

    var docCount: Int { columns.count }
    var termCount: Int { termStart.count }

    /// A rough count of the bytes held, for the flush decision.
    var estimatedBytes: Int {
        arena.count + postingsBytes + termStart.count * 72 + slots.count * 4 + storedBytes + columns.count * 400
    }

    /// Adds the tokens the analyzer holds for one field of the document being built.
    /// Call for each field, then `finishDocument`.
    mutating func addTokens(field: Field, analyzer: Analyzer) {
        let tokens = analyzer.tokens
        analyzer.withNormalized { text in
            for t in tokens {
                TermKey.encode(field: field, kind: t.kind, units: UnsafeBufferPointer(rebasing: text[Int(t.start) ..< Int(t.end)]), into: &key)
                let id = intern()
                docTokens.append(UInt64(UInt32(id)) << 32 | UInt64(UInt32(t.start)))
            }
        }
    }

    /// Interns `key`; returns its term id.
    @inline(__always)
    private mutating func intern() -> Int32 {
        let h = key.withUnsafeBytes { fnv1a($0) }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            if termHash[Int(s)] == h && equalsKey(Int(s)) { return s }
            i = (i + 1) & mask
        }
        let id = Int32(termStart.count)
        termStart.append(Int32(arena.count))
        arena.append(contentsOf: key)
        termEnd.append(Int32(arena.count))
        termHash.append(h)
        postings.append([])
        lastDoc.append(-1)
        docFreq.append(0)
        slots[i] = id
        if termStart.count * 2 > slots.count { rehash() }
        return id
    }

    @inline(__always)
    private func equalsKey(_ id: Int) -> Bool {
        let a = Int(termStart[id]), b = Int(termEnd[id])
        guard b - a == key.count else { return false }
        var k = 0
        while k < key.count { if arena[a + k] != key[k] { return false }; k += 1 }
        return true
    }

    private mutating func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 0 ..< termHash.count {
            var i = Int(truncatingIfNeeded: termHash[id]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }

    /// Completes the current document: groups its tokens by term and appends postings.
    mutating func finishDocument(_ c: DocumentColumns, _ s: StoredArticle, sequence seq: Int64) {
        let doc = Int32(columns.count)
        docTokens.sort()
        var i = 0
        while i < docTokens.count {
            let id = Int(docTokens[i] >> 32)
            var j = i
            while j < docTokens.count && Int(docTokens[j] >> 32) == id { j += 1 }
            let before = postings[id].count
            Self.appendVint(&postings[id], UInt64(doc - lastDoc[id]))
            Self.appendVint(&postings[id], UInt64(j - i))
            var previous: UInt32 = 0
            for k in i ..< j {
                let p = UInt32(truncatingIfNeeded: docTokens[k]) &+ 1
                Self.appendVint(&postings[id], UInt64(p &- previous))
                previous = p
            }
            postingsBytes += postings[id].count - before
            lastDoc[id] = doc
            docFreq[id] += 1
            i = j
        }
        docTokens.removeAll(keepingCapacity: true)
        columns.append(c)
        stored.append(s)
        sequence.append(seq)
        storedBytes += s.headline.utf8.count + s.body.utf8.count + s.location.utf8.count + 64
    }

    @inline(__always)
    private static func appendVint(_ out: inout [UInt8], _ value: UInt64) {
        var v = value
        while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    /// Writes the segment `name` into `directory`, with `deleted` documents
    /// marked in a deletion file of `generation`.
    func flush(directory: String, name: String, deleted: Set<UInt32>, generation: UInt64) throws -> SegmentInfo {
        var writer = try SegmentWriter(directory: directory, name: name)
        for (c, s) in zip(columns, stored) { try writer.addDocument(c, s) }
        let order = (0 ..< termStart.count).sorted { a, b in
            arena.withUnsafeBufferPointer { buf in
                let x = UnsafeBufferPointer(rebasing: buf[Int(termStart[a]) ..< Int(termEnd[a])])
                let y = UnsafeBufferPointer(rebasing: buf[Int(termStart[b]) ..< Int(termEnd[b])])
                return compare(x, y) < 0
            }
        }
        var docs = [UInt32](), freqs = [UInt32](), positions = [UInt32]()
        for id in order {
            docs.removeAll(keepingCapacity: true)
            freqs.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
            try postings[id].withUnsafeBytes { raw in
                var r = ByteReader(raw, file: name)
                var doc: Int64 = -1
                while r.remaining > 0 {
                    doc += Int64(try r.vint())
                    let f = try r.vint()
                    docs.append(UInt32(doc))
                    freqs.append(UInt32(f))
                    var p: UInt64 = 0
                    for _ in 0 ..< f {
                        p += try r.vint()
                        positions.append(UInt32(truncatingIfNeeded: p - 1))
                    }
                }
            }
            try writer.addTerm(Array(arena[Int(termStart[id]) ..< Int(termEnd[id])]), docs: docs, freqs: freqs, positions: positions)
        }
        return try writer.finish(deleted: deleted, generation: generation)
    }
}
