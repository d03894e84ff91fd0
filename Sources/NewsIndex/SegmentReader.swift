import IndexFormat

/// Read access to one immutable segment through memory maps. It opens the segment's
/// four files and delegates to one reader per structure (FORMAT.md's sections):
/// `TermDictionary` (`.dict`), `PostingsFile` (`.post`, whose bytes the codec in
/// `Postings/` decodes), `Columns` (`.cols`) and `StoredArticles` (`.store`), plus the
/// deletion bits (`DeletionFile`). Opening checks every file's header and footer and the
/// checksums of the small files; postings and stored articles are checked by `verify`.
/// Thread-safe (read-only).
///
/// Damage never crashes a reader, checksum or not: every length and offset read from
/// a file is checked against the file before it is used (once, on open, for the
/// columns and the dictionary's block index; once per postings list, store block or
/// dictionary entry for the rest), and a failed check throws `FormatError.corrupt`
/// naming the file.
public final class SegmentReader: @unchecked Sendable {
    public let info: SegmentInfo
    public let directory: String
    let dict: TermDictionary
    let post: PostingsFile
    let cols: Columns
    let store: StoredArticles
    /// Deletion bits, empty when nothing is deleted.
    let deleted: [UInt8]
    public let docCount: Int

    /// Opens segment `info` of `directory`; `storeCache` keeps inflated blocks of stored
    /// articles for reuse (shared with other segments), beyond the last one read.
    public init(directory: String, info: SegmentInfo, storeCache: StoreBlockCache? = nil) throws {
        self.directory = directory
        self.info = info
        let base = directory + "/" + info.name
        let dictFile = try MappedFile(path: base + ".dict")
        let postFile = try MappedFile(path: base + ".post")
        let colsFile = try MappedFile(path: base + ".cols")
        let storeFile = try MappedFile(path: base + ".store")
        // The large files' headers and footers; their checksums wait for `verify` (or a merge).
        let dictBody = try FileVersions.open(dictFile.bytes, kind: .dictionary, file: dictFile.path, checksum: false)
        let postBody = try FileVersions.open(postFile.bytes, kind: .postings, file: postFile.path, checksum: false)
        let storeBody = try FileVersions.open(storeFile.bytes, kind: .store, file: storeFile.path, checksum: false)
        post = PostingsFile(postFile, body: postBody)
        cols = try Columns(colsFile, expected: info.docCount)
        docCount = cols.docCount
        store = StoredArticles(storeFile, body: storeBody, docCount: docCount, cache: storeCache)
        dict = try TermDictionary(dictFile, body: dictBody, postings: post, docCount: docCount)
        deleted = info.deletionGeneration > 0
            ? try DeletionFile.read(base + ".del.\(info.deletionGeneration)", docCount: docCount) : []
    }

    // MARK: Columns

    @inline(__always)
    public func isDeleted(_ doc: Int) -> Bool {
        !deleted.isEmpty && deleted[doc >> 3] & (1 << UInt8(doc & 7)) != 0
    }

    @inline(__always)
    public func date(_ doc: Int) -> Int32? { cols.date(doc) }

    @inline(__always)
    public func length(_ doc: Int, _ field: Field) -> UInt32 { cols.length(doc, field) }

    /// The length column in place: per document, its headline's and body's token counts (u32 each).
    public var lengthPairs: UnsafeRawPointer { cols.lengthPairs }

    @inline(__always)
    public func cluster(_ doc: Int) -> UInt64 { cols.cluster(doc) }

    public func regions(_ doc: Int) -> [Int32] { cols.regions(doc) }
    public func industries(_ doc: Int) -> [Int32] { cols.industries(doc) }

    /// Calls `body` with each region code of `doc` without allocating.
    @inline(__always)
    public func forEachRegion(_ doc: Int, _ body: (Int32) -> Void) { cols.forEachRegion(doc, body) }

    @inline(__always)
    public func forEachIndustry(_ doc: Int, _ body: (Int32) -> Void) { cols.forEachIndustry(doc, body) }

    /// Checks the reprint sketches' checksum (version 4 columns; older ones were checked
    /// whole on open). Call before reading sketches.
    public func verifySketches() throws { try cols.verifySketches() }

    public func sketch(_ doc: Int) -> [UInt32]? { cols.sketch(doc) }

    public func id(_ doc: Int) -> String { cols.id(doc) }

    /// Whether `doc`'s id comes before the id of `otherDoc` in `other` (UTF-8 bytes compared,
    /// which is the order of code points): the order of equal scores, which depends on the
    /// article alone, not on where an index or a shard keeps it.
    /// - Complexity: O(length of the shorter id), without allocating.
    public func idPrecedes(_ doc: Int, _ other: SegmentReader, _ otherDoc: Int) -> Bool {
        let a = cols.idBytes(doc), b = other.cols.idBytes(otherDoc)
        for i in 0 ..< min(a.count, b.count) where a[i] != b[i] { return a[i] < b[i] }
        return a.count < b.count
    }

    /// Documents (deleted or not) whose id is `id`.
    public func docs(withID id: String) -> [Int] { cols.docs(withID: id) }

    /// The columns of `doc`.
    public func columns(_ doc: Int) -> DocumentColumns { cols.columns(doc) }

    public var headlineLengthSum: UInt64 { cols.headlineLengthSum }
    public var bodyLengthSum: UInt64 { cols.bodyLengthSum }

    // MARK: Dictionary

    public var termCount: UInt64 { dict.termCount }

    /// The dictionary entry of `key`, or nil.
    /// - Complexity: O(log blocks) comparisons plus one block of at most 32 terms (64 in older indexes).
    public func term(_ key: [UInt8]) throws -> TermInfo? { try dict.term(key) }

    /// Every term starting with `prefix`, in order.
    public func terms(withPrefix prefix: [UInt8], limit: Int = 10_000) throws -> [([UInt8], TermInfo)] {
        try dict.terms(withPrefix: prefix, limit: limit)
    }

    /// Every term in order (for merging and verification).
    public func forEachTerm(_ body: ([UInt8], TermInfo) throws -> Void) throws { try dict.forEachTerm(body) }

    // MARK: Postings

    public func postings(_ info: TermInfo) throws -> PostingsCursor {
        try post.cursor(info, docCount: docCount, lengthColumn: cols.lengthColumn(info.field))
    }

    /// A term's postings as bytes, for a merge's fast paths (`PostingsSplice`).
    func spliceInput(_ info: TermInfo, shift: UInt32) -> PostingsSplice.Part {
        post.spliceInput(info, docCount: docCount, shift: shift)
    }

    // MARK: Stored articles

    /// The stored fields of `doc`.
    public func stored(_ doc: Int) throws -> StoredArticle { try store.article(doc) }

    // MARK: Verification

    /// Checks the checksums of every file of the segment.
    public func verify() throws {
        _ = try FileVersions.open(dict.file.bytes, kind: .dictionary, file: dict.file.path, checksum: true)
        try post.verify()
        _ = try FileVersions.open(cols.file.bytes, kind: .columns, file: cols.file.path, checksum: true)
        try store.verify()
        if info.deletionGeneration > 0 {
            _ = try DeletionFile.read(directory + "/" + info.name + ".del.\(info.deletionGeneration)", docCount: docCount)
        }
    }

    /// Bytes per file kind.
    public var fileSizes: [String: Int] {
        ["dict": dict.file.bytes.count, "post": post.file.bytes.count, "cols": cols.file.bytes.count, "store": store.file.bytes.count]
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
                guard block < segment.dict.blockCount else { return nil }
                terms.removeAll(keepingCapacity: true)
                index = 0
                _ = try segment.dict.scanBlock(block) { t, i in terms.append((t, i)); return true }
            }
            defer { index += 1 }
            return terms[index]
        }
    }

    public func termIterator() -> TermIterator { TermIterator(segment: self) }

    /// The compressed blocks of the store in order: first document, number of
    /// documents, compressed bytes and raw length (FORMAT.md "Stored articles").
    func forEachStoreBlock(_ body: (Int, Int, UnsafeRawBufferPointer, Int) throws -> Void) throws {
        try store.forEachBlock(body)
    }

    /// Checks the checksums of the store and postings files (a merge copies some of their
    /// bytes without decoding them) and of the sketches (which it carries over).
    func verifyCopiedFiles() throws {
        try store.verify()
        try post.verify()
        try cols.verifySketches()
    }

    /// Drops the pages of this segment's files from the process (see `MappedFile.dropResidentPages`).
    func dropResidentPages() {
        for f in [dict.file, post.file, cols.file, store.file] { f.dropResidentPages() }
    }
}
