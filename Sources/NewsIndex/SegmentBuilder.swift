#if canImport(Glibc)
import Glibc
#endif
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
/// Terms are interned through an open-addressing table over a byte arena, so
/// adding a token allocates nothing; postings are kept as varints
/// (document delta, frequency, position deltas) and re-encoded in blocks at flush.
struct SegmentBuilder {
    /// Term keys as `field, kind` then normalized UTF-16 units (UTF-8 only at flush).
    private var arena: [UInt16] = []
    private var termStart: [Int32] = []
    private var termEnd: [Int32] = []
    private var termHash: [UInt64] = []
    /// Open addressing: (hash high 32 bits << 32 | term id + 1), 0 = empty.
    private var slots = [UInt64](repeating: 0, count: 1 << 16)
    private var postings: [[UInt8]] = []
    private var lastDoc: [Int32] = []
    private var docFreq: [Int32] = []

    private(set) var columns: [DocumentColumns] = []
    private(set) var stored: [StoredArticle] = []
    /// Each document's place in the writer's input order (for last-wins replacement).
    private(set) var sequence: [Int64] = []

    private var docTokens: [UInt64] = []  // termID << 32 | position, for the current document
    private var key: [UInt16] = []
    private var postingsBytes = 0
    private var storedBytes = 0

    var docCount: Int { columns.count }
    var termCount: Int { termStart.count }

    /// A rough count of the bytes held, for the flush decision.
    var estimatedBytes: Int {
        arena.count * 2 + postingsBytes + termStart.count * 72 + slots.count * 4 + storedBytes + columns.count * 400
    }

    /// Adds the tokens the analyzer holds for one field of the document being built.
    /// Call for each field, then `finishDocument`.
    mutating func addTokens(field: Field, analyzer: Analyzer) {
        let tokens = analyzer.tokens
        analyzer.withNormalized { text in
            for t in tokens {
                key.removeAll(keepingCapacity: true)
                key.append(UInt16(field.rawValue) << 8 | UInt16(t.kind.rawValue))
                key.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(t.start) ..< Int(t.end)]))
                let id = intern()
                docTokens.append(UInt64(UInt32(id)) << 32 | UInt64(UInt32(t.start)))
            }
        }
    }

    /// Interns `key`; returns its term id.
    @inline(__always)
    private mutating func intern() -> Int32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for u in key { h = (h ^ UInt64(u)) &* 0x100_0000_01b3; h ^= h >> 29 }
        let mask = slots.count - 1
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let candidate = Int(s & 0xFFFF_FFFF) - 1
                if equalsKey(candidate) { return Int32(candidate) }
            }
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
        slots[i] = tag | UInt64(id + 1)
        if termStart.count * 2 > slots.count { rehash() }
        return id
    }

    @inline(__always)
    private func equalsKey(_ id: Int) -> Bool {
        let a = Int(termStart[id]), b = Int(termEnd[id])
        guard b - a == key.count else { return false }
        return arena.withUnsafeBufferPointer { ar in
            key.withUnsafeBufferPointer { k in memcmp(ar.baseAddress! + a, k.baseAddress!, k.count * 2) == 0 }
        }
    }

    private mutating func rehash() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for id in 0 ..< termHash.count {
            let h = termHash[id]
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(id + 1)
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
            // Words keep no positions (the writer would drop them anyway).
            let isWord = arena[Int(termStart[id])] & 0xFF == UInt16(TokenKind.word.rawValue)
            for k in i ..< j where !isWord {
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
        // UTF-8 keys (FORMAT.md "Terms"), sorted bytewise.
        var flat = [UInt8]()
        var keyStart = [Int]()
        keyStart.reserveCapacity(termStart.count + 1)
        arena.withUnsafeBufferPointer { buf in
            var utf8 = [UInt8]()
            for id in 0 ..< termStart.count {
                let a = Int(termStart[id]), b = Int(termEnd[id])
                let head = buf[a]
                TermKey.encode(field: Field(rawValue: UInt8(head >> 8)) ?? .body, kind: TokenKind(rawValue: UInt8(head & 0xFF)) ?? .word,
                               units: UnsafeBufferPointer(rebasing: buf[a + 1 ..< b]), into: &utf8)
                keyStart.append(flat.count)
                flat.append(contentsOf: utf8)
            }
        }
        keyStart.append(flat.count)
        var order = Array(0 ..< termStart.count)
        flat.withUnsafeBufferPointer { f in
            keyStart.withUnsafeBufferPointer { ks in
                order.sort { a, b in
                    memcmpLess(UnsafeBufferPointer(rebasing: f[ks[a] ..< ks[a + 1]]), UnsafeBufferPointer(rebasing: f[ks[b] ..< ks[b + 1]]))
                }
            }
        }
        var docs = [UInt32](), freqs = [UInt32](), positions = [UInt32]()
        for id in order {
            let isWord = arena[Int(termStart[id])] & 0xFF == UInt16(TokenKind.word.rawValue)
            docs.removeAll(keepingCapacity: true)
            freqs.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
            postings[id].withUnsafeBufferPointer { raw in
                // Our own bytes, written just above: decoded without bounds checks.
                var i = 0
                @inline(__always) func vint() -> UInt64 {
                    var v: UInt64 = 0, shift: UInt64 = 0
                    while true {
                        let b = raw[i]; i += 1
                        v |= UInt64(b & 0x7F) << shift
                        if b < 0x80 { return v }
                        shift += 7
                    }
                }
                var doc: Int64 = -1
                while i < raw.count {
                    doc += Int64(vint())
                    let f = vint()
                    docs.append(UInt32(doc))
                    freqs.append(UInt32(f))
                    var p: UInt64 = 0
                    for _ in 0 ..< f where !isWord {
                        p += vint()
                        positions.append(UInt32(truncatingIfNeeded: p - 1))
                    }
                }
            }
            try writer.addTerm(flat[keyStart[id] ..< keyStart[id + 1]], docs: docs, freqs: freqs, positions: positions)
        }
        return try writer.finish(deleted: deleted, generation: generation)
    }
}
