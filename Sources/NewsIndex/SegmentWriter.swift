import IndexFormat
import NewsIngest
import NewsText

/// Serializes one segment (FORMAT.md): the columns and stored articles of its
/// documents, then its terms in sorted order with their postings.
///
/// Call order: `addDocument` for documents 0, 1, 2 … in order; then `addTerm`
/// for every term in ascending byte order; then `finish`. Used by the
/// in-memory builder when it flushes and by the merger.
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
    private var postingsBuffer = ByteWriter(capacity: 1 << 16)
    private var dict = IndexFile.begin(.dictionary)
    private var dictBlock = ByteWriter()
    private var blockTerms = 0
    private var previousTerm: [UInt8] = []
    private var firstTerms: [[UInt8]] = []
    private var blockOffsets: [UInt32] = []
    private var termCount: UInt64 = 0
    private var metas = ByteWriter()
    private var data = ByteWriter()
    private var pos = ByteWriter()
    private var scratchDocs = [UInt32](repeating: 0, count: BitPacking.blockSize)
    private var scratchFreqs = [UInt32](repeating: 0, count: BitPacking.blockSize)
    private var positionDeltas: [UInt32] = []
    private var blockImpacts: [PostingsCursor.Impact] = []
    private var blockFirstOffset = 0

    var docCount: Int { dates.count }

    init(directory: String, name: String) throws {
        self.directory = directory
        self.name = name
        store = try FileWriter(path: directory + "/" + name + ".store", kind: .store)
        postings = try FileWriter(path: directory + "/" + name + ".post", kind: .postings)
    }

    mutating func addDocument(_ c: DocumentColumns, _ s: StoredArticle) throws {
        let doc = UInt32(dates.count)
        addColumns(c)
        if block.count == 0 { blockFirstDoc = doc }
        for field in [s.headline, s.body, s.source, s.url, s.author, s.reprintOrigin, s.location] { block.str(field) }
        if block.count >= Self.storeBlockBytes { try flushStoreBlock() }
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

    /// The field length of `doc` (for the block minima).
    func length(_ doc: Int, field: Field) -> UInt32 { lengths[doc * 2 + Int(field.rawValue)] }

    /// Adds a term with its postings: documents ascending, a frequency per
    /// document, and all positions (ascending within each document) in order.
    mutating func addTerm(_ term: some Collection<UInt8>, docs: [UInt32], freqs: [UInt32], positions: [UInt32]) throws {
        precondition(!docs.isEmpty && docs.count == freqs.count)
        let field: Field = term.first == Field.headline.rawValue ? .headline : .body
        // Words carry no positions: exact strings and highlighting never need them (FORMAT.md).
        let keepPositions = term.dropFirst().first != TokenKind.word.rawValue
        let offset = postings.count
        var buffer = postingsBuffer
        postingsBuffer = ByteWriter()
        buffer.removeAll()
        encodePostings(field: field, docs: docs, freqs: freqs, positions: keepPositions ? positions : [], into: &buffer)
        try postings.append(buffer.bytes)
        postingsBuffer = buffer
        addDictionaryEntry(Array(term), docFreq: docs.count, offset: offset, length: postings.count - offset)
    }

    /// Adds a one-block term (fewer than 128 documents) of another version-3
    /// segment whose documents all move by `shift` (a merge input without
    /// deletions): only the first document delta changes, the other bytes are copied.
    mutating func addShiftedTerm(_ term: [UInt8], docFreq: Int, postings source: UnsafeRawBufferPointer, shift: UInt32, file: String) throws {
        precondition(docFreq < BitPacking.blockSize)
        var r = ByteReader(source, file: file)
        let first = try r.vint()
        let offset = postings.count
        var head = ByteWriter(capacity: 10)
        head.vint(((first >> 1) + UInt64(shift)) << 1 | (first & 1))
        try postings.append(head.bytes)
        try postings.append(UnsafeRawBufferPointer(rebasing: source[r.offset...]))
        addDictionaryEntry(term, docFreq: docFreq, offset: offset, length: postings.count - offset)
    }

    /// Version 3 (FORMAT.md "Postings"): block metadata only for terms of more
    /// than one block, tail documents with the frequency folded in, positions
    /// bit-packed 128 at a time per block.
    private mutating func encodePostings(field: Field, docs: [UInt32], freqs: [UInt32], positions: [UInt32], into out: inout ByteWriter) {
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
                for k in start ..< end { blockImpacts.append(PostingsCursor.Impact(freq: freqs[k], length: length(Int(docs[k]), field: field))) }
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
        // Version 3: a term's postings follow the previous term's, so only lengths are kept.
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
        var cols = IndexFile.begin(.columns)
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
        var w = IndexFile.begin(.deletions)
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
        let body = try IndexFile.open(file.bytes, kind: .deletions, file: path, checksum: true)
        var r = ByteReader(file.bytes, offset: body.lowerBound, file: path)
        let count = try r.u32()
        guard Int(count) == docCount else {
            throw FormatError.corrupt(file: path, detail: "deletions for \(count) documents, segment has \(docCount)")
        }
        _ = try r.u32()
        return Array(try r.bytes((docCount + 7) / 8))
    }
}
