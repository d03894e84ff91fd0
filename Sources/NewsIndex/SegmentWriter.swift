import IndexFormat
import NewsIngest
import NewsText

/// Serializes one segment (FORMAT.md): the columns and stored articles of its
/// documents, then its terms in sorted order with their postings.
///
/// Call order: `addDocument` (or `addColumns`, with `addStoreBlock` for their
/// stored articles) for documents 0, 1, 2 … in order; then `addEncodedTerm`
/// (postings a `PostingsEncoder` wrote, with `fieldLengths`) for every term in
/// ascending byte order; then `finish`. Store blocks may also come after the
/// terms (a flush compresses them on another thread meanwhile). Used by the
/// in-memory builder when it flushes and by the merger (`Merger`, whose postings come from
/// `PostingsEncoder` or `PostingsSplice`).
struct SegmentWriter {
    /// Terms per dictionary block (FORMAT.md "Term dictionary"): a lookup reads half of one on average.
    static let termsPerBlock = 32
    static let storeBlockBytes = 64 * 1024
    static let sketchSize = Fingerprint.size

    let directory: String
    let name: String

    // Columns.
    private var dates: [Int32] = []
    private var lengths: [UInt32] = []  // headline, body interleaved
    private var clusters: [UInt64] = []
    private var regionStarts: [UInt32] = [0]
    private var regionValues: [Int32] = []
    private var industryStarts: [UInt32] = [0]
    private var industryValues: [Int32] = []
    private var sketchPresent: [UInt8] = []
    private var sketchValues: [UInt32] = []
    private var idStarts: [UInt32] = [0]
    private var idHeap: [UInt8] = []
    private var idLookup: [(UInt64, UInt32)] = []
    private var lengthSums: (UInt64, UInt64) = (0, 0)

    // Store and postings stream to their files.
    private let store: FileWriter
    private var block = ByteWriter(capacity: storeBlockBytes + 4096)
    private var blockFirstDoc: UInt32 = 0
    private var blockTable: [(UInt32, UInt64, UInt32, UInt32)] = []

    // Terms.
    private let postings: FileWriter
    private var dict = FileVersions.begin(.dictionary)
    private var dictBlock = ByteWriter()
    private var blockTerms = 0
    private var previousTerm: [UInt8] = []
    private var firstTerms: [[UInt8]] = []
    private var blockOffsets: [UInt32] = []
    private var termCount: UInt64 = 0
    private var blockFirstOffset = 0

    var docCount: Int { dates.count }

    init(directory: String, name: String) throws {
        self.directory = directory
        self.name = name
        store = try FileWriter(path: directory + "/" + name + ".store", kind: .store, version: FileVersions.store.upperBound)
        postings = try FileWriter(path: directory + "/" + name + ".post", kind: .postings, version: FileVersions.postings.upperBound)
    }

    mutating func addDocument(_ c: DocumentColumns, _ s: StoredArticle) throws {
        let doc = UInt32(dates.count)
        addColumns(c)
        if block.count == 0 { blockFirstDoc = doc }
        Self.appendRecord(s, to: &block)
        if block.count >= Self.storeBlockBytes { try flushStoreBlock() }
    }

    /// A stored article's record (FORMAT.md "Stored articles").
    private static func appendRecord(_ s: StoredArticle, to block: inout ByteWriter) {
        for field in [s.headline, s.body, s.source, s.url, s.author, s.reprintOrigin, s.location] { block.str(field) }
    }

    /// `stored` (documents 0, 1, 2 …) cut into store blocks and compressed exactly as
    /// `addDocument` would, for `addStoreBlock`: lets a flush compress on another thread.
    static func compressedStoreBlocks(_ stored: [StoredArticle]) -> [(firstDoc: UInt32, bytes: [UInt8], rawLength: Int)] {
        var blocks = [(firstDoc: UInt32, bytes: [UInt8], rawLength: Int)]()
        var block = ByteWriter(capacity: storeBlockBytes + 4096)
        var first = 0
        for (doc, s) in stored.enumerated() {
            if block.count == 0 { first = doc }
            appendRecord(s, to: &block)
            if block.count >= storeBlockBytes || doc == stored.count - 1 {
                blocks.append((UInt32(first), Deflate.compress(block.bytes), block.count))
                block.removeAll()
            }
        }
        return blocks
    }

    /// Appends a compressed store block of another segment unchanged, for the
    /// documents from `firstDoc` on (whose columns were just added with `addColumns`).
    mutating func addStoreBlock(_ compressed: UnsafeRawBufferPointer, rawLength: Int, firstDoc: UInt32) throws {
        try flushStoreBlock()
        blockTable.append((firstDoc, UInt64(store.count), UInt32(compressed.count), UInt32(rawLength)))
        try store.append(compressed)
    }

    /// Adds a document's columns only (its stored article comes with `addStoreBlock`).
    mutating func addColumns(_ c: DocumentColumns) {
        let doc = UInt32(dates.count)
        dates.append(c.date ?? Int32.min)
        lengths.append(c.headlineLength)
        lengths.append(c.bodyLength)
        lengthSums.0 += UInt64(c.headlineLength)
        lengthSums.1 += UInt64(c.bodyLength)
        clusters.append(c.cluster)
        regionValues += c.regions
        regionStarts.append(UInt32(regionValues.count))
        industryValues += c.industries
        industryStarts.append(UInt32(industryValues.count))
        if c.sketch.count == Self.sketchSize {
            sketchPresent.append(1)
            sketchValues += c.sketch
        } else {
            sketchPresent.append(0)
            sketchValues += repeatElement(0, count: Self.sketchSize)
        }
        idHeap += Array(c.id.utf8)
        idStarts.append(UInt32(idHeap.count))
        idLookup.append((fnv1a(c.id), doc))
    }

    private mutating func flushStoreBlock() throws {
        guard block.count > 0 else { return }
        let compressed = Deflate.compress(block.bytes)
        blockTable.append((blockFirstDoc, UInt64(store.count), UInt32(compressed.count), UInt32(block.count)))
        try store.append(compressed)
        block.removeAll()
    }

    /// Every document's field lengths, headline and body interleaved (for the impacts).
    var fieldLengths: [UInt32] { lengths }

    /// Adds a term whose postings `PostingsEncoder` encoded (with this segment's field lengths).
    mutating func addEncodedTerm(_ term: some Collection<UInt8>, docFreq: Int, postings bytes: UnsafeRawBufferPointer) throws {
        let offset = postings.count
        try postings.append(bytes)
        addDictionaryEntry(Array(term), docFreq: docFreq, offset: offset, length: postings.count - offset)
    }

    private mutating func addDictionaryEntry(_ term: [UInt8], docFreq: Int, offset: Int, length: Int) {
        if blockTerms == Self.termsPerBlock { flushDictionaryBlock() }
        var shared = 0
        if blockTerms == 0 {
            firstTerms.append(term)
            blockFirstOffset = offset
        } else {
            let limit = min(term.count, previousTerm.count)
            while shared < limit && term[shared] == previousTerm[shared] { shared += 1 }
        }
        dictBlock.vint(shared)
        dictBlock.vint(term.count - shared)
        dictBlock.append(term[shared...])
        dictBlock.vint(docFreq)
        // Dictionary versions 3 and 4: a term's postings follow the previous term's, so only lengths are kept.
        dictBlock.vint(length)
        previousTerm = term
        blockTerms += 1
        termCount += 1
    }

    private mutating func flushDictionaryBlock() {
        guard blockTerms > 0 else { return }
        blockOffsets.append(UInt32(dict.count - IndexFile.headerSize))
        dict.vint(blockTerms)
        dict.vint(blockFirstOffset)
        dict.append(dictBlock.bytes)
        dictBlock.removeAll()
        blockTerms = 0
    }

    /// Writes the four files (and a deletion file when `deleted` is not empty);
    /// returns the segment's description for the commit.
    mutating func finish(deleted: Set<UInt32>, generation: UInt64) throws -> SegmentInfo {
        // Dictionary: block index.
        flushDictionaryBlock()
        var firstTermOffsets = [UInt32]()
        let heapStart = dict.count - IndexFile.headerSize
        for t in firstTerms {
            firstTermOffsets.append(UInt32(dict.count - IndexFile.headerSize - heapStart))
            dict.vint(t.count)
            dict.append(t)
        }
        for (f, b) in zip(firstTermOffsets, blockOffsets) { dict.u32(f); dict.u32(b) }
        dict.u32(UInt32(firstTerms.count))
        dict.u64(UInt64(heapStart))
        dict.u64(termCount)
        IndexFile.finish(&dict)
        try postings.close()

        // Store.
        try flushStoreBlock()
        var table = ByteWriter()
        for (first, offset, clen, rlen) in blockTable { table.u32(first); table.u64(offset); table.u32(clen); table.u32(rlen) }
        table.u32(UInt32(blockTable.count))
        try store.append(table.bytes)
        try store.close()

        // Columns.
        var cols = FileVersions.begin(.columns)
        cols.u32(UInt32(docCount))
        cols.u32(0)
        var sketchRange = 0 ..< 0
        var sectionCount = 0
        func section(_ body: (inout ByteWriter) -> Void) {
            var s = ByteWriter()
            body(&s)
            cols.u64(UInt64(s.count))
            if sectionCount == 5 { sketchRange = cols.count ..< cols.count + s.count }
            cols.append(s.bytes)
            sectionCount += 1
        }
        section { s in dates.forEach { s.i32($0) } }
        section { s in lengths.forEach { s.u32($0) } }
        section { s in clusters.forEach { s.u64($0) } }
        section { s in regionStarts.forEach { s.u32($0) }; regionValues.forEach { s.i32($0) } }
        section { s in industryStarts.forEach { s.u32($0) }; industryValues.forEach { s.i32($0) } }
        section { s in
            s.append(sketchPresent)
            while s.count % 4 != 0 { s.u8(0) }
            sketchValues.forEach { s.u32($0) }
        }
        section { s in idStarts.forEach { s.u32($0) }; s.append(idHeap) }
        section { s in
            for (h, d) in idLookup.sorted(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) { s.u64(h); s.u32(d) }
        }
        section { s in s.u64(lengthSums.0); s.u64(lengthSums.1) }
        // Version 4: the checksum of everything but the sketches (what a query reads, checked on
        // open), then the sketches' own (checked when a writer loads them).
        let sketches = sketchRange
        let (query, sketch) = cols.bytes.withUnsafeBytes { all in
            (CRC32.of(UnsafeRawBufferPointer(rebasing: all[sketches.upperBound...]),
                      seed: CRC32.of(UnsafeRawBufferPointer(rebasing: all[..<sketches.lowerBound]))),
             CRC32.of(UnsafeRawBufferPointer(rebasing: all[sketches])))
        }
        cols.u32(query)
        cols.u32(sketch)
        IndexFile.finish(&cols)

        let base = directory + "/" + name
        try FileSystem.write(dict.bytes, to: base + ".dict")
        try FileSystem.write(cols.bytes, to: base + ".cols")
        var info = SegmentInfo(name: name, docCount: UInt32(docCount), deletionGeneration: 0, deletedCount: 0)
        if !deleted.isEmpty {
            try DeletionFile.write(deleted, docCount: docCount, path: base + ".del.\(generation)")
            info.deletionGeneration = generation
            info.deletedCount = UInt32(deleted.count)
        }
        return info
    }
}

/// Deletion bitmaps (FORMAT.md "Deletions").
enum DeletionFile {
    static func write(_ deleted: Set<UInt32>, docCount: Int, path: String) throws {
        var w = FileVersions.begin(.deletions)
        w.u32(UInt32(docCount))
        w.u32(UInt32(deleted.count))
        var bits = [UInt8](repeating: 0, count: (docCount + 7) / 8)
        for d in deleted where Int(d) < docCount { bits[Int(d) / 8] |= 1 << UInt8(d % 8) }
        w.append(bits)
        IndexFile.finish(&w)
        try FileSystem.write(w.bytes, to: path)
    }

    static func read(_ path: String, docCount: Int) throws -> [UInt8] {
        let file = try MappedFile(path: path)
        let body = try FileVersions.open(file.bytes, kind: .deletions, file: path, checksum: true)
        var r = ByteReader(file.bytes, offset: body.lowerBound, file: path)
        let count = try r.u32()
        guard Int(count) == docCount else {
            throw FormatError.corrupt(file: path, detail: "deletions for \(count) documents, segment has \(docCount)")
        }
        _ = try r.u32()
        return Array(try r.bytes((docCount + 7) / 8))
    }
}
