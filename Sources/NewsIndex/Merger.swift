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

    /// The merged postings of a term whose inputs have no deletions and which stays one block
    /// (fewer than 128 documents) with every position a varint (fewer than 128 in all): each
    /// input's tail entries are copied but for the first, whose document delta now starts from
    /// the previous input's last document, then each input's positions (FORMAT.md "Postings":
    /// the bytes a decode and encode would write). Nil, with nothing written, when it does not qualify.
    private static func joinedPostings(_ parts: [(Int, TermInfo)], _ inputs: [SegmentReader], _ shifts: [UInt32?],
                                       into out: inout ByteWriter) throws -> Int? {
        guard parts.count > 1, parts.reduce(0, { $0 + $1.1.docFreq }) < BitPacking.blockSize,
              parts.allSatisfy({ shifts[$0.0] != nil && inputs[$0.0].postVersion >= 3 }) else { return nil }
        // Per input: after its first entry's varint, the end of its entries, its first and last documents.
        var spans = [(firstEnd: Int, docEnd: Int, first: Int64, last: Int64, flag: UInt64)]()
        var positions = 0
        for (k, info) in parts {
            let file = inputs[k].post
            // Read no further than the term's bytes (the dictionary checked they are in the file).
            var r = ByteReader(UnsafeRawBufferPointer(rebasing: file.bytes[..<(info.offset + info.length)]), offset: info.offset, file: file.path)
            var doc: Int64 = -1, firstEnd = 0, first: Int64 = 0, flag: UInt64 = 0
            var smallest: UInt64 = .max
            for j in 0 ..< info.docFreq {
                let v = try r.vint()
                // Capped so that no sum overflows; a capped delta is past the segment's end below.
                let delta = min(v >> 1, 1 << 32)
                smallest = min(smallest, delta)
                doc += Int64(delta)
                if j == 0 { firstEnd = r.offset; first = doc; flag = v & 1 }
                positions += v & 1 == 1 ? 1 : try r.count()
            }
            guard smallest > 0, doc < Int64(inputs[k].docCount) else {
                throw FormatError.corrupt(file: file.path, detail: "postings at byte \(info.offset) hold documents out of order or past the segment's \(inputs[k].docCount)")
            }
            spans.append((firstEnd, r.offset, first, doc, flag))
        }
        // Positions must all be varints (words have none).
        guard positions < BitPacking.blockSize || zip(parts, spans).allSatisfy({ $1.docEnd == $0.1.offset + $0.1.length }) else { return nil }
        var previous: Int64 = -1
        for ((k, _), span) in zip(parts, spans) {
            let shift = Int64(shifts[k]!)
            out.vint(UInt64(span.first + shift - previous) << 1 | span.flag)
            out.append(UnsafeRawBufferPointer(rebasing: inputs[k].post.bytes[span.firstEnd ..< span.docEnd]))
            previous = span.last + shift
        }
        for ((k, info), span) in zip(parts, spans) {
            out.append(UnsafeRawBufferPointer(rebasing: inputs[k].post.bytes[span.docEnd ..< info.offset + info.length]))
        }
        return parts.reduce(0) { $0 + $1.1.docFreq }
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
                    try SegmentReader.decodeStoreBlock(compressed, rawLength: rawLength, count: count, file: s.store.path) { article in
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
                // A rare term of one input without deletions: its postings move as bytes.
                if term.parts.count == 1, let (k, info) = term.parts.first, let shift = shiftsByInput[k],
                   inputs[k].postVersion >= 3, info.docFreq < BitPacking.blockSize {
                    let bytes = UnsafeRawBufferPointer(rebasing: inputs[k].post.bytes[info.offset ..< info.offset + info.length])
                    try SegmentWriter.shiftPostings(bytes, docFreq: info.docFreq, by: shift, docCount: inputs[k].docCount,
                                                    file: inputs[k].post.path, into: &out.bytes)
                    out.docFreqs.append(info.docFreq)
                    continue
                }
                // A small term of several inputs without deletions: their bytes are joined.
                if let docFreq = try joinedPostings(term.parts, inputs, shiftsByInput, into: &out.bytes) {
                    out.docFreqs.append(docFreq)
                    continue
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
                        throw FormatError.corrupt(file: inputs[k].post.path, detail: "the postings at byte \(info.offset) lack positions")
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
