import IndexFormat

/// Merges segments into one, dropping deleted documents: columns and stored
/// articles in order, then a k-way merge of the dictionaries with postings
/// renumbered. Store blocks without deleted documents and the postings of rare
/// terms are copied as bytes, after the input files' checksums are checked;
/// everything else is decoded, so a merge never carries damage forward. Pages of the inputs are
/// released as the pass moves on, so a large merge does not hold them resident.
enum Merger {
    /// Terms merged between releases of the inputs' pages.
    static let releaseInterval = 1 << 14

    static func merge(_ segments: [SegmentReader], directory: String, name: String) throws -> SegmentInfo {
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
                    try SegmentReader.decodeStoreBlock(compressed, rawLength: rawLength, file: s.store.path) { article in
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
        var iterators = segments.map { $0.termIterator() }
        var heads = try iterators.indices.map { try iterators[$0].next() }
        var docs = [UInt32](), freqs = [UInt32](), positions = [UInt32](), scratch = [UInt32]()
        var merged = 0
        while true {
            merged += 1
            if merged % releaseInterval == 0 { segments.forEach { $0.dropResidentPages() } }
            var smallest: [UInt8]? = nil
            for h in heads { if let (t, _) = h, smallest == nil || compare(t, smallest!) < 0 { smallest = t } }
            guard let term = smallest else { break }
            docs.removeAll(keepingCapacity: true)
            freqs.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
            // A rare term of one input without deletions: its postings move as bytes.
            let holders = heads.indices.filter { heads[$0].map { compare($0.0, term) == 0 } ?? false }
            if holders.count == 1, let k = holders.first, let shift = shifts[k], let (_, info) = heads[k],
               segments[k].postVersion >= 3, info.docFreq < BitPacking.blockSize {
                let bytes = UnsafeRawBufferPointer(rebasing: segments[k].post.bytes[info.offset ..< info.offset + info.length])
                try writer.addShiftedTerm(term, docFreq: info.docFreq, postings: bytes, shift: shift, file: segments[k].post.path)
                heads[k] = try iterators[k].next()
                continue
            }
            for k in holders {
                guard let (t, info) = heads[k], compare(t, term) == 0 else { continue }
                var cursor = try segments[k].postings(info)
                while try cursor.next() != PostingsCursor.end {
                    let mapped = maps[k][Int(cursor.doc)]
                    guard mapped >= 0 else { continue }
                    docs.append(UInt32(mapped))
                    freqs.append(cursor.freq)
                    try cursor.positions(into: &scratch)
                    positions += scratch
                }
                heads[k] = try iterators[k].next()
            }
            if !docs.isEmpty { try writer.addTerm(term, docs: docs, freqs: freqs, positions: positions) }
        }
        return try writer.finish(deleted: [], generation: 0)
    }
}
