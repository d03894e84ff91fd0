import IndexFormat
import NewsText

/// Merges segments into one, dropping deleted documents: columns and stored
/// articles in order, then a k-way merge of the dictionaries with postings
/// renumbered. Store blocks without deleted documents and the postings of rare
/// terms are copied as bytes, after the input files' checksums are checked;
/// everything else is decoded, so a merge never carries damage forward. Pages of the inputs are
/// released as the pass moves on, so a large merge does not hold them resident.
enum Merger {
    /// Terms merged between releases of the inputs' pages.
    static let releaseInterval = 1 << 14

    /// A term of the merged dictionary and the inputs that hold it.
    private struct MergeTerm {
        var key: [UInt8]
        var parts: [(Int, TermInfo)]
    }

    /// The encoded postings of a batch of terms: the end of each one's bytes and its document count.
    private struct EncodedTerms {
        var bytes = ByteWriter()
        var ends: [Int] = []
        var docFreqs: [Int] = []
        var keys: [[UInt8]] = []
    }

    /// The term's postings in each of its inputs, for `PostingsSplice`; nil when an input has deletions.
    private static func spliceParts(_ parts: [(Int, TermInfo)], _ inputs: [SegmentReader], _ shifts: [UInt32?]) -> [PostingsSplice.Part]? {
        var result = [PostingsSplice.Part]()
        for (k, info) in parts {
            guard let shift = shifts[k] else { return nil }
            result.append(inputs[k].spliceInput(info, shift: shift))
        }
        return result
    }

    /// Merges `segments` into the new segment `name`; postings are encoded on `threads` threads,
    /// `chunkTerms` terms at a time (the files are the same with any number).
    static func merge(_ segments: [SegmentReader], directory: String, name: String, threads: Int = 1,
                      chunkTerms: Int = 1 << 12) throws -> SegmentInfo {
        var writer = try SegmentWriter(directory: directory, name: name)
        var maps = [[Int32]]()
        /// Per input: the shift of every document when none is deleted (nil otherwise).
        var shifts = [UInt32?]()
        var next: Int32 = 0
        for s in segments {
            shifts.append((0 ..< s.docCount).contains(where: s.isDeleted) ? nil : UInt32(next))
            var map = [Int32](repeating: -1, count: s.docCount)
            try s.verifyCopiedFiles()
            try s.forEachStoreBlock { first, count, compressed, rawLength in
                if (first ..< first + count).allSatisfy({ !s.isDeleted($0) }) {
                    let firstNew = next
                    for doc in first ..< first + count {
                        map[doc] = next
                        next += 1
                        writer.addColumns(s.columns(doc))
                    }
                    try writer.addStoreBlock(compressed, rawLength: rawLength, firstDoc: UInt32(firstNew))
                } else {
                    var doc = first
                    try StoredArticles.decodeBlock(compressed, rawLength: rawLength, count: count, file: s.store.file.path) { article in
                        defer { doc += 1 }
                        guard !s.isDeleted(doc) else { return }
                        map[doc] = next
                        next += 1
                        try writer.addDocument(s.columns(doc), article)
                    }
                }
            }
            s.dropResidentPages()
            maps.append(map)
        }
        // Terms: the k-way merge of the dictionaries picks each term's inputs here, in
        // order; their postings are decoded, renumbered and encoded side by side.
        var iterators = segments.map { $0.termIterator() }
        var heads = try iterators.indices.map { try iterators[$0].next() }
        var merged = 0
        let lengths = writer.fieldLengths
        let inputs = segments, documentMaps = maps, shiftsByInput = shifts
        try OrderedWork.run(threads: threads, window: 2 * threads, produce: { () -> [MergeTerm]? in
            var batch = [MergeTerm]()
            while batch.count < max(1, chunkTerms) {
                merged += 1
                if merged % releaseInterval == 0 { segments.forEach { $0.dropResidentPages() } }
                var smallest: [UInt8]? = nil
                for h in heads { if let (t, _) = h, smallest == nil || compare(t, smallest!) < 0 { smallest = t } }
                guard let term = smallest else { break }
                var parts = [(Int, TermInfo)]()
                for k in heads.indices {
                    guard let (t, info) = heads[k], compare(t, term) == 0 else { continue }
                    parts.append((k, info))
                    heads[k] = try iterators[k].next()
                }
                batch.append(MergeTerm(key: term, parts: parts))
            }
            return batch.isEmpty ? nil : batch
        }, work: { batch in
            var out = EncodedTerms()
            var encoder = PostingsEncoder()
            var docs = [UInt32](), freqs = [UInt32](), positions = [UInt32]()
            for term in batch {
                defer { out.ends.append(out.bytes.count) }
                if let parts = spliceParts(term.parts, inputs, shiftsByInput) {
                    // A rare term of one input without deletions: its postings move as bytes.
                    if parts.count == 1, PostingsSplice.canShift(parts[0]) {
                        try PostingsSplice.shift(parts[0], into: &out.bytes)
                        out.docFreqs.append(parts[0].docFreq)
                        continue
                    }
                    // A small term of several inputs without deletions: their bytes are joined.
                    if let docFreq = try PostingsSplice.join(parts, into: &out.bytes) {
                        out.docFreqs.append(docFreq)
                        continue
                    }
                }
                docs.removeAll(keepingCapacity: true)
                freqs.removeAll(keepingCapacity: true)
                positions.removeAll(keepingCapacity: true)
                let words = term.key.dropFirst().first == TokenKind.word.rawValue
                for (k, info) in term.parts {
                    let (docsBefore, positionsBefore) = (docs.count, positions.count)
                    var cursor = try inputs[k].postings(info)
                    try cursor.appendAll(renumberedBy: documentMaps[k], docs: &docs, freqs: &freqs, positions: &positions)
                    // The encoder takes a position for every occurrence of any term but a word.
                    guard words || positions.count - positionsBefore == freqs[docsBefore...].reduce(0, { $0 + Int($1) }) else {
                        throw FormatError.corrupt(file: inputs[k].post.file.path, detail: "the postings at byte \(info.offset) lack positions")
                    }
                }
                out.docFreqs.append(docs.count)
                if !docs.isEmpty { encoder.encode(term.key, docs: docs, freqs: freqs, positions: positions, lengths: lengths, into: &out.bytes) }
            }
            out.keys = batch.map(\.key)
            return out
        }, consume: { (out: EncodedTerms) in
            try out.bytes.bytes.withUnsafeBytes { all in
                var start = 0
                for (j, end) in out.ends.enumerated() {
                    // A term whose documents were all deleted is left out.
                    if out.docFreqs[j] > 0 {
                        try writer.addEncodedTerm(out.keys[j], docFreq: out.docFreqs[j], postings: UnsafeRawBufferPointer(rebasing: all[start ..< end]))
                    }
                    start = end
                }
            }
        })
        return try writer.finish(deleted: [], generation: 0)
    }
}
