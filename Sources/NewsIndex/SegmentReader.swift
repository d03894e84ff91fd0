import Foundation
import IndexFormat

/// A term's entry in a segment's dictionary.
public struct TermInfo: Equatable, Sendable {
    public var docFreq: Int
    public var offset: Int
    public var length: Int
    /// The field of the term (its key's first byte).
    public var field: Field
}

/// Read access to one immutable segment through memory maps: columns, the
/// term dictionary, postings and stored articles. Opening checks every file's
/// header and footer and the checksums of the small files; postings and
/// stored articles are checked by `verify`. Thread-safe (read-only).
///
/// Damage never crashes a reader, checksum or not: every length and offset read from
/// a file is checked against the file before it is used (once, on open, for the
/// columns and the dictionary's block index; once per postings list, store block or
/// dictionary entry for the rest), and a failed check throws `FormatError.corrupt`
/// naming the file.
public final class SegmentReader: @unchecked Sendable {
    public let info: SegmentInfo
    public let directory: String
    let dict: MappedFile
    let post: MappedFile
    let cols: MappedFile
    let store: MappedFile
    /// Format versions of the dictionary and postings files (FORMAT.md "Versions").
    let dictVersion: UInt32
    let postVersion: UInt32
    /// Deletion bits, empty when nothing is deleted.
    let deleted: [UInt8]
    public let docCount: Int

    // Byte offsets of the column sections.
    private let dates: Int, lengths: Int, clusters: Int
    private let regionStarts: Int, regionValues: Int
    private let industryStarts: Int, industryValues: Int
    private let sketchPresent: Int, sketchValues: Int
    private let idStarts: Int, idHeap: Int, idLookup: Int
    public let headlineLengthSum: UInt64
    public let bodyLengthSum: UInt64

    // Dictionary block index.
    private let blockCount: Int
    let colsVersion: UInt32
    /// Version 4 columns: where the sketches are and their checksum.
    private var sketchCheck: (Range<Int>, UInt32)? = nil
    private let heapStart: Int
    private let tableStart: Int
    public let termCount: UInt64
    private let dictBody: Range<Int>
    private let postBody: Range<Int>
    private let storeBody: Range<Int>

    public init(directory: String, info: SegmentInfo) throws {
        self.directory = directory
        self.info = info
        let base = directory + "/" + info.name
        dict = try MappedFile(path: base + ".dict")
        post = try MappedFile(path: base + ".post")
        cols = try MappedFile(path: base + ".cols")
        store = try MappedFile(path: base + ".store")
        dictBody = try FileVersions.open(dict.bytes, kind: .dictionary, file: dict.path, checksum: false)
        postBody = try FileVersions.open(post.bytes, kind: .postings, file: post.path, checksum: false)
        storeBody = try FileVersions.open(store.bytes, kind: .store, file: store.path, checksum: false)
        dictVersion = IndexFile.version(of: dict.bytes)
        postVersion = IndexFile.version(of: post.bytes)
        // Version 4 columns check their own checksum of what queries read (below); older ones the whole file.
        colsVersion = IndexFile.version(of: cols.bytes)
        let colsBody = try FileVersions.open(cols.bytes, kind: .columns, file: cols.path, checksum: colsVersion < 4)

        // Sections end where the body does: a length that runs into the footer is damage too.
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: cols.bytes[..<colsBody.upperBound]), offset: colsBody.lowerBound, file: cols.path)
        let declared = try r.u32()
        guard declared == info.docCount else {
            throw FormatError.corrupt(file: cols.path, detail: "holds \(declared) documents, the commit says \(info.docCount)")
        }
        // Documents are Int32 in postings cursors (Int32.max is their end).
        guard declared < UInt32(Int32.max) else { throw FormatError.corrupt(file: cols.path, detail: "holds \(declared) documents") }
        docCount = Int(declared)
        _ = try r.u32()
        var sections = [Int]()
        var sizes = [Int]()
        for _ in 0 ..< 9 {
            let n = try r.length()
            sections.append(r.offset)
            sizes.append(n)
            try r.skip(n)
        }
        let n = docCount
        let colsPath = base + ".cols"
        func expect(_ i: Int, _ size: Int, atLeast: Bool = false) throws {
            guard sizes[i] == size || (atLeast && sizes[i] > size) else {
                throw FormatError.corrupt(file: colsPath, detail: "column \(i) is \(sizes[i]) bytes, expected \(atLeast ? "at least " : "")\(size)")
            }
        }
        try expect(0, 4 * n)
        try expect(1, 8 * n)
        try expect(2, 8 * n)
        // The lists' start offsets (n + 1 of them) before their values.
        try expect(3, 4 * (n + 1), atLeast: true)
        try expect(4, 4 * (n + 1), atLeast: true)
        try expect(6, 4 * (n + 1), atLeast: true)
        dates = sections[0]; lengths = sections[1]; clusters = sections[2]
        regionStarts = sections[3]; regionValues = sections[3] + 4 * (n + 1)
        industryStarts = sections[4]; industryValues = sections[4] + 4 * (n + 1)
        sketchPresent = sections[5]; sketchValues = sections[5] + (n + 3) / 4 * 4
        try expect(5, (n + 3) / 4 * 4 + 4 * 32 * n)
        idStarts = sections[6]; idHeap = sections[6] + 4 * (n + 1)
        idLookup = sections[7]
        try expect(7, 12 * n)
        try expect(8, 16)
        if colsVersion >= 4 {
            let sketches = sections[5] ..< sections[5] + sizes[5]
            let query = try r.u32(), sketch = try r.u32()
            let end = r.offset - 8
            let actual = CRC32.of(UnsafeRawBufferPointer(rebasing: cols.bytes[sketches.upperBound ..< end]),
                                  seed: CRC32.of(UnsafeRawBufferPointer(rebasing: cols.bytes[..<sketches.lowerBound])))
            guard actual == query else {
                throw FormatError.corrupt(file: cols.path, detail: "checksum mismatch in the columns: stored \(IndexFile.hex32(query)), computed \(IndexFile.hex32(actual))")
            }
            sketchCheck = (sketches, sketch)
        }
        headlineLengthSum = cols.bytes.loadUnaligned(fromByteOffset: sections[8], as: UInt64.self)
        bodyLengthSum = cols.bytes.loadUnaligned(fromByteOffset: sections[8] + 8, as: UInt64.self)
        // Region, industry and id lists are read in place without checks (filters walk them for
        // every document): their offsets are checked once here.
        try Self.checkStarts(cols, at: regionStarts, count: n + 1, limit: (sizes[3] - 4 * (n + 1)) / 4, what: "region lists")
        try Self.checkStarts(cols, at: industryStarts, count: n + 1, limit: (sizes[4] - 4 * (n + 1)) / 4, what: "industry lists")
        try Self.checkStarts(cols, at: idStarts, count: n + 1, limit: sizes[6] - 4 * (n + 1), what: "article ids")

        // Dictionary: the fixed tail is BlockCount u32, HeapStart u64, TermCount u64.
        let tail = dictBody.upperBound - 20
        guard tail >= dictBody.lowerBound else { throw FormatError.corrupt(file: dict.path, detail: "no block index") }
        blockCount = Int(dict.bytes.loadUnaligned(fromByteOffset: tail, as: UInt32.self))
        let heap = dict.bytes.loadUnaligned(fromByteOffset: tail + 4, as: UInt64.self)
        termCount = dict.bytes.loadUnaligned(fromByteOffset: tail + 12, as: UInt64.self)
        guard heap <= UInt64(tail - dictBody.lowerBound) else {
            throw FormatError.corrupt(file: dict.path, detail: "the first terms start at body byte \(heap), past the block index at \(tail - dictBody.lowerBound)")
        }
        heapStart = dictBody.lowerBound + Int(heap)
        tableStart = tail - 8 * blockCount
        guard tableStart >= heapStart else {
            throw FormatError.corrupt(file: dict.path, detail: "block index of \(blockCount) blocks out of bounds")
        }
        deleted = info.deletionGeneration > 0
            ? try DeletionFile.read(base + ".del.\(info.deletionGeneration)", docCount: docCount) : []
    }

    /// Checks `count` u32 start offsets at `offset` in the columns: non-decreasing, the last at most `limit`.
    /// - Complexity: O(count), once per open.
    private static func checkStarts(_ cols: MappedFile, at offset: Int, count: Int, limit: Int, what: String) throws {
        var previous: UInt32 = 0
        var ordered = true
        for i in 0 ..< count {
            let v = cols.bytes.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)
            ordered = ordered && v >= previous
            previous = v
        }
        guard ordered, Int(previous) <= limit else {
            throw FormatError.corrupt(file: cols.path, detail: "the offsets of the \(what) are out of order or run past their column")
        }
    }

    // MARK: Columns

    @inline(__always)
    public func isDeleted(_ doc: Int) -> Bool {
        !deleted.isEmpty && deleted[doc >> 3] & (1 << UInt8(doc & 7)) != 0
    }

    @inline(__always)
    func load<T>(_ offset: Int, _: T.Type) -> T { cols.bytes.loadUnaligned(fromByteOffset: offset, as: T.self) }

    @inline(__always)
    public func date(_ doc: Int) -> Int32? {
        let d: Int32 = load(dates + 4 * doc, Int32.self)
        return d == Int32.min ? nil : d
    }

    @inline(__always)
    public func length(_ doc: Int, _ field: Field) -> UInt32 { load(lengths + 8 * doc + 4 * Int(field.rawValue), UInt32.self) }

    /// The length column in place: per document, its headline's and body's token counts (u32 each).
    public var lengthPairs: UnsafeRawPointer { cols.bytes.baseAddress! + lengths }

    /// Where `field`'s length of document 0 is; document d's is 8 × d bytes further.
    func lengthColumn(_ field: Field) -> UnsafeRawPointer { cols.bytes.baseAddress! + lengths + 4 * Int(field.rawValue) }

    @inline(__always)
    public func cluster(_ doc: Int) -> UInt64 { load(clusters + 8 * doc, UInt64.self) }

    private func list(_ starts: Int, _ values: Int, _ doc: Int) -> [Int32] {
        let a = Int(load(starts + 4 * doc, UInt32.self)), b = Int(load(starts + 4 * doc + 4, UInt32.self))
        guard a <= b, values + 4 * b <= cols.bytes.count else { return [] }
        return (a ..< b).map { load(values + 4 * $0, Int32.self) }
    }

    public func regions(_ doc: Int) -> [Int32] { list(regionStarts, regionValues, doc) }
    public func industries(_ doc: Int) -> [Int32] { list(industryStarts, industryValues, doc) }

    /// Calls `body` with each region code of `doc` without allocating.
    @inline(__always)
    public func forEachRegion(_ doc: Int, _ body: (Int32) -> Void) {
        let a = Int(load(regionStarts + 4 * doc, UInt32.self)), b = Int(load(regionStarts + 4 * doc + 4, UInt32.self))
        for i in a ..< b { body(load(regionValues + 4 * i, Int32.self)) }
    }

    @inline(__always)
    public func forEachIndustry(_ doc: Int, _ body: (Int32) -> Void) {
        let a = Int(load(industryStarts + 4 * doc, UInt32.self)), b = Int(load(industryStarts + 4 * doc + 4, UInt32.self))
        for i in a ..< b { body(load(industryValues + 4 * i, Int32.self)) }
    }

    /// The last stored block inflated: documents are read in order (exact-string checks,
    /// snippets), and neighbours share a block of 64 KiB.
    private var lastBlock: (offset: Int, raw: [UInt8])? = nil
    private let blockLock = NSLock()

    private func storeBlock(at start: Int, compressedLength: Int, rawLength: Int) throws -> [UInt8] {
        blockLock.lock()
        let cached = lastBlock
        blockLock.unlock()
        if let cached, cached.offset == start { return cached.raw }
        let raw = try Deflate.decompress(UnsafeRawBufferPointer(rebasing: store.bytes[start ..< start + compressedLength]),
                                         rawLength: rawLength, file: store.path)
        blockLock.lock()
        lastBlock = (start, raw)
        blockLock.unlock()
        return raw
    }

    /// Checks the reprint sketches' checksum (version 4 columns; older ones were checked
    /// whole on open). Call before reading sketches.
    public func verifySketches() throws {
        guard let (range, expected) = sketchCheck else { return }
        let actual = CRC32.of(UnsafeRawBufferPointer(rebasing: cols.bytes[range]))
        guard actual == expected else {
            throw FormatError.corrupt(file: cols.path, detail: "checksum mismatch in the reprint sketches: stored \(IndexFile.hex32(expected)), computed \(IndexFile.hex32(actual))")
        }
    }

    public func sketch(_ doc: Int) -> [UInt32]? {
        guard cols.bytes[sketchPresent + doc] != 0 else { return nil }
        return (0 ..< 32).map { load(sketchValues + 4 * (32 * doc + $0), UInt32.self) }
    }

    public func id(_ doc: Int) -> String {
        let a = Int(load(idStarts + 4 * doc, UInt32.self)), b = Int(load(idStarts + 4 * doc + 4, UInt32.self))
        guard a <= b, idHeap + b <= cols.bytes.count else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: cols.bytes[idHeap + a ..< idHeap + b]), as: UTF8.self)
    }

    /// Documents (deleted or not) whose id is `id`.
    public func docs(withID id: String) -> [Int] {
        let h = fnv1a(id)
        var lo = 0, hi = docCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if load(idLookup + 12 * mid, UInt64.self) < h { lo = mid + 1 } else { hi = mid }
        }
        var result = [Int]()
        while lo < docCount && load(idLookup + 12 * lo, UInt64.self) == h {
            let doc = Int(load(idLookup + 12 * lo + 8, UInt32.self))
            if doc < docCount && self.id(doc) == id { result.append(doc) }
            lo += 1
        }
        return result
    }

    // MARK: Dictionary

    private func firstTerm(_ block: Int) throws -> UnsafeRawBufferPointer {
        let off = Int(dict.bytes.loadUnaligned(fromByteOffset: tableStart + 8 * block, as: UInt32.self))
        var r = ByteReader(dict.bytes, offset: heapStart + off, file: dict.path)
        return try r.bytes(try r.count())
    }

    private func blockOffset(_ block: Int) -> Int {
        dictBody.lowerBound + Int(dict.bytes.loadUnaligned(fromByteOffset: tableStart + 8 * block + 4, as: UInt32.self))
    }

    /// The first eight bytes of each block's first term, big-endian, zero-padded: a
    /// lookup's binary search compares these (8 bytes a block, a small fraction of the dictionary)
    /// and reads a first term only on a tie. Built on the first lookup.
    private var prefixes: [UInt64]? = nil
    private let prefixLock = NSLock()

    private func blockPrefixes() throws -> [UInt64] {
        prefixLock.lock()
        defer { prefixLock.unlock() }
        if let p = prefixes { return p }
        var p = [UInt64]()
        p.reserveCapacity(blockCount)
        for b in 0 ..< blockCount { p.append(Self.prefix(try firstTerm(b))) }
        prefixes = p
        return p
    }

    /// A strictly smaller prefix means a strictly smaller term (a shorter term is padded
    /// with zeros, and is a prefix of any term it ties with up to its length).
    static func prefix(_ bytes: some Collection<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        var n = 0
        for b in bytes.prefix(8) { v = v << 8 | UInt64(b); n += 1 }
        return n == 8 ? v : v << UInt64(8 * (8 - n))
    }

    /// The last block whose first term is ≤ `key` (-1 if none).
    private func block(for key: [UInt8]) throws -> Int {
        let prefixes = try blockPrefixes()
        let k = Self.prefix(key)
        var lo = 0, hi = blockCount
        while lo < hi {
            let mid = (lo + hi) / 2
            let p = prefixes[mid]
            let notAfter = p != k ? p < k : compare(try firstTerm(mid), key) <= 0
            if notAfter { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// One front-coded dictionary entry: how many leading bytes it shares with the
    /// previous term of the block, the rest of its bytes, and where its postings are.
    struct Entry {
        var shared: Int
        var suffix: UnsafeRawBufferPointer
        var docFreq: Int
        var offset: Int
        var length: Int
    }

    /// Reads the entries of dictionary block `b` in order (FORMAT.md "Term dictionary").
    struct BlockEntries {
        var reader: ByteReader
        var remaining: Int
        var termLength = 0
        var offset = 0
        var next: Int
        let version: UInt32

        /// Offsets and lengths past the postings file are damage (`info` says so); capping
        /// them at its size keeps their sums from overflowing first.
        let postingsLimit: Int

        init(_ segment: SegmentReader, block b: Int) throws {
            reader = ByteReader(segment.dict.bytes, offset: segment.blockOffset(b), file: segment.dict.path)
            version = segment.dictVersion
            postingsLimit = segment.post.bytes.count
            remaining = try reader.count(limit: 1 << 20)
            // Dictionary versions 3 and 4 give the block's first postings offset; each term's postings follow the previous.
            next = version >= 3 ? try reader.count(limit: postingsLimit) : 0
        }

        @inline(__always)
        mutating func read() throws -> Entry? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let shared = try reader.count(limit: termLength)
            let suffixLength = try reader.count(limit: 1 << 16)
            let suffix = try reader.bytes(suffixLength)
            let df = try reader.count()
            if version >= 3 { offset = next } else { offset = min(offset, postingsLimit) + (try reader.count(limit: postingsLimit)) }
            let length = try reader.count(limit: postingsLimit)
            next = min(offset, postingsLimit) + length
            termLength = shared + suffixLength
            return Entry(shared: shared, suffix: suffix, docFreq: df, offset: offset, length: length)
        }
    }

    /// The postings entry of a term, checked against the postings file and the document count.
    private func info(_ e: Entry, term: some Collection<UInt8>) throws -> TermInfo {
        guard e.offset >= postBody.lowerBound, e.offset + e.length <= postBody.upperBound, e.docFreq > 0, let field = term.first else {
            throw FormatError.corrupt(file: dict.path, detail: "the postings of term \(TermKey.describe(Array(term))) point past the end of \(post.path)")
        }
        guard e.docFreq <= docCount else {
            throw FormatError.corrupt(file: dict.path, detail: "term \(TermKey.describe(Array(term))) is in \(e.docFreq) documents, the segment has \(docCount)")
        }
        return TermInfo(docFreq: e.docFreq, offset: e.offset, length: e.length, field: field == Field.headline.rawValue ? .headline : .body)
    }

    /// Decodes dictionary block `b`, calling `body(term, info)` until it returns false.
    private func scanBlock(_ b: Int, _ body: ([UInt8], TermInfo) throws -> Bool) throws -> Bool {
        var entries = try BlockEntries(self, block: b)
        var term = [UInt8]()
        while let e = try entries.read() {
            term.removeSubrange(e.shared...)
            term.append(contentsOf: e.suffix)
            if try !body(term, try info(e, term: term)) { return false }
        }
        return true
    }

    /// The dictionary entry of `key`, or nil.
    ///
    /// Walks the block's front-coded entries without rebuilding their terms: it keeps
    /// how many leading bytes the previous (smaller) term shares with `key`, and an
    /// entry that shares fewer with its predecessor is already past `key`, while one
    /// that shares more is still before it; only the rest are compared byte by byte.
    /// - Complexity: O(log blocks) comparisons plus one block of at most 32 terms (64 in older indexes).
    public func term(_ key: [UInt8]) throws -> TermInfo? {
        let b = try block(for: key)
        guard b >= 0 else { return nil }
        var entries = try BlockEntries(self, block: b)
        var matched = 0
        while let e = try entries.read() {
            if e.shared < matched { return nil }  // differs from key where the previous term agreed: larger
            if e.shared > matched { continue }  // agrees with the previous term where that was smaller
            var j = 0
            while j < e.suffix.count && e.shared + j < key.count && e.suffix[j] == key[e.shared + j] { j += 1 }
            matched = e.shared + j
            if j < e.suffix.count {
                if matched == key.count || e.suffix[j] > key[matched] { return nil }
                continue
            }
            guard entries.termLength == key.count else { continue }  // a proper prefix of key: smaller
            return try info(e, term: key)
        }
        return nil
    }

    /// Every term starting with `prefix`, in order.
    public func terms(withPrefix prefix: [UInt8], limit: Int = 10_000) throws -> [([UInt8], TermInfo)] {
        var result = [([UInt8], TermInfo)]()
        var b = max(0, try block(for: prefix))
        while b < blockCount {
            let more = try scanBlock(b) { term, info in
                if term.starts(with: prefix) { result.append((term, info)); return result.count < limit }
                return compare(term, prefix) < 0
            }
            if !more { break }
            b += 1
        }
        return result
    }

    /// Every term in order (for merging and verification).
    public func forEachTerm(_ body: ([UInt8], TermInfo) throws -> Void) throws {
        for b in 0 ..< blockCount { _ = try scanBlock(b) { try body($0, $1); return true } }
    }

    // MARK: Postings

    public func postings(_ info: TermInfo) throws -> PostingsCursor {
        try PostingsCursor(file: post.bytes, path: post.path, version: postVersion, body: postBody, docCount: docCount,
                           lengthColumn: lengthColumn(info.field), info: info)
    }

    /// A term's postings as bytes, for a merge's fast paths (`PostingsSplice`).
    func spliceInput(_ info: TermInfo, shift: UInt32) -> PostingsSplice.Part {
        PostingsSplice.Part(file: post.bytes, range: info.offset ..< info.offset + info.length, docFreq: info.docFreq,
                            docCount: docCount, shift: shift, version: postVersion, path: post.path)
    }

    // MARK: Stored articles

    /// The store's block table: where it starts and how many entries it has (FORMAT.md "Stored articles").
    private func storeTable() throws -> (start: Int, count: Int) {
        let count = Int(store.bytes.loadUnaligned(fromByteOffset: storeBody.upperBound - 4, as: UInt32.self))
        let start = storeBody.upperBound - 4 - 20 * count
        guard start >= storeBody.lowerBound else { throw FormatError.corrupt(file: store.path, detail: "block table of \(count) blocks out of bounds") }
        return (start, count)
    }

    @inline(__always)
    private func storeFirstDoc(_ i: Int, table: Int) -> Int { Int(store.bytes.loadUnaligned(fromByteOffset: table + 20 * i, as: UInt32.self)) }

    /// Entry `i` of the store's block table, its compressed bytes checked to lie between the
    /// header and the table (the raw length is checked against them when inflating).
    private func storeEntry(_ i: Int, table: Int) throws -> (first: Int, offset: Int, clen: Int, rlen: Int) {
        let p = table + 20 * i
        let offset = store.bytes.loadUnaligned(fromByteOffset: p + 4, as: UInt64.self)
        let clen = Int(store.bytes.loadUnaligned(fromByteOffset: p + 12, as: UInt32.self))
        guard offset >= UInt64(storeBody.lowerBound), offset <= UInt64(table), clen <= table - Int(offset) else {
            throw FormatError.corrupt(file: store.path, detail: "store block \(i) (\(clen) bytes at byte \(offset)) lies outside the blocks, which end at byte \(table)")
        }
        return (storeFirstDoc(i, table: table), Int(offset), clen, Int(store.bytes.loadUnaligned(fromByteOffset: p + 16, as: UInt32.self)))
    }

    /// The stored fields of `doc`.
    public func stored(_ doc: Int) throws -> StoredArticle {
        guard doc >= 0 && doc < docCount else { throw FormatError.corrupt(file: store.path, detail: "no document \(doc)") }
        let (table, tableCount) = try storeTable()
        var lo = 0, hi = tableCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if storeFirstDoc(mid, table: table) <= doc { lo = mid + 1 } else { hi = mid }
        }
        guard lo >= 1 else { throw FormatError.corrupt(file: store.path, detail: "no block holds document \(doc)") }
        let e = try storeEntry(lo - 1, table: table)
        let start = e.offset
        let raw = try storeBlock(at: start, compressedLength: e.clen, rawLength: e.rlen)
        return try raw.withUnsafeBytes { bytes in
            var r = ByteReader(bytes, file: store.path)
            for _ in e.first ..< doc { for _ in 0 ..< 7 { try r.skip(try r.count()) } }
            return StoredArticle(headline: try r.str(), body: try r.str(), source: try r.str(), url: try r.str(),
                                 author: try r.str(), reprintOrigin: try r.str(), location: try r.str())
        }
    }

    // MARK: Verification

    /// Checks the checksums of every file of the segment.
    public func verify() throws {
        for f in [dict, post, cols, store] {
            let kind: IndexFile.Kind = f === dict ? .dictionary : f === post ? .postings : f === cols ? .columns : .store
            _ = try FileVersions.open(f.bytes, kind: kind, file: f.path, checksum: true)
        }
        if info.deletionGeneration > 0 {
            _ = try DeletionFile.read(directory + "/" + info.name + ".del.\(info.deletionGeneration)", docCount: docCount)
        }
    }

    /// Bytes per file kind.
    public var fileSizes: [String: Int] {
        ["dict": dict.bytes.count, "post": post.bytes.count, "cols": cols.bytes.count, "store": store.bytes.count]
    }
}

/// Byte-wise comparison, like the dictionary's sort order.
@inline(__always)
func compare(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Int {
    var i = a.makeIterator(), j = b.makeIterator()
    while true {
        switch (i.next(), j.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?): if x != y { return x < y ? -1 : 1 }
        }
    }
}

extension SegmentReader {
    /// Walks the dictionary in order, one decoded block at a time.
    public struct TermIterator {
        let segment: SegmentReader
        var block = -1
        var terms: [([UInt8], TermInfo)] = []
        var index = 0

        public mutating func next() throws -> ([UInt8], TermInfo)? {
            while index >= terms.count {
                block += 1
                guard block < segment.blockCount else { return nil }
                terms.removeAll(keepingCapacity: true)
                index = 0
                _ = try segment.scanBlock(block) { t, i in terms.append((t, i)); return true }
            }
            defer { index += 1 }
            return terms[index]
        }
    }

    public func termIterator() -> TermIterator { TermIterator(segment: self) }

    /// The compressed blocks of the store in order: first document, number of
    /// documents, compressed bytes and raw length (FORMAT.md "Store").
    func forEachStoreBlock(_ body: (Int, Int, UnsafeRawBufferPointer, Int) throws -> Void) throws {
        let (table, tableCount) = try storeTable()
        var doc = 0
        for i in 0 ..< tableCount {
            let (first, offset, clen, rlen) = try storeEntry(i, table: table)
            let end = i + 1 < tableCount ? storeFirstDoc(i + 1, table: table) : docCount
            guard first == doc, end > first, end <= docCount else {
                throw FormatError.corrupt(file: store.path, detail: "store block \(i) is out of place")
            }
            try body(first, end - first, UnsafeRawBufferPointer(rebasing: store.bytes[offset ..< offset + clen]), rlen)
            doc = end
        }
        guard doc == docCount else { throw FormatError.corrupt(file: store.path, detail: "holds \(doc) articles, expected \(docCount)") }
    }

    /// Inflates a store block of `count` records and calls `body` with each; a block that
    /// holds another number of records is damage (its documents would not be the table's).
    static func decodeStoreBlock(_ compressed: UnsafeRawBufferPointer, rawLength: Int, count: Int, file: String,
                                 _ body: (StoredArticle) throws -> Void) throws {
        let raw = try Deflate.decompress(compressed, rawLength: rawLength, file: file)
        try raw.withUnsafeBytes { bytes in
            var r = ByteReader(bytes, file: file)
            var records = 0
            while r.remaining > 0 {
                guard records < count else { break }
                try body(StoredArticle(headline: try r.str(), body: try r.str(), source: try r.str(), url: try r.str(),
                                       author: try r.str(), reprintOrigin: try r.str(), location: try r.str()))
                records += 1
            }
            guard records == count, r.remaining == 0 else {
                throw FormatError.corrupt(file: file, detail: "a store block holds \(records < count ? "\(records)" : "more than \(count)") articles, its table entry says \(count)")
            }
        }
    }

    /// Checks the checksums of the store and postings files (a merge copies some of their
    /// bytes without decoding them) and of the sketches (which it carries over).
    func verifyCopiedFiles() throws {
        _ = try FileVersions.open(store.bytes, kind: .store, file: store.path, checksum: true)
        _ = try FileVersions.open(post.bytes, kind: .postings, file: post.path, checksum: true)
        try verifySketches()
    }

    /// Drops the pages of this segment's files from the process (see `MappedFile.dropResidentPages`).
    func dropResidentPages() {
        for f in [dict, post, cols, store] { f.dropResidentPages() }
    }

    /// The columns of `doc`.
    public func columns(_ doc: Int) -> DocumentColumns {
        DocumentColumns(id: id(doc), date: date(doc), headlineLength: length(doc, .headline), bodyLength: length(doc, .body),
                        cluster: cluster(doc), regions: regions(doc), industries: industries(doc), sketch: sketch(doc) ?? [])
    }
}
