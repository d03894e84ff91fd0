import IndexFormat

/// Merges segments into one, dropping deleted documents: columns and stored
/// articles in order, then a k-way merge of the dictionaries with postings
/// renumbered. Reads every input file whole, so it also verifies them.
enum Merger {
    static func merge(_ segments: [SegmentReader], directory: String, name: String) throws -> SegmentInfo {
        var writer = try SegmentWriter(directory: directory, name: name)
        var maps = [[Int32]]()
        var next: Int32 = 0
        for s in segments {
            var map = [Int32](repeating: -1, count: s.docCount)
            try s.forEachStored { doc, article in
                guard !s.isDeleted(doc) else { return }
                map[doc] = next
                next += 1
                try writer.addDocument(s.columns(doc), article)
            }
            maps.append(map)
        }
        var iterators = segments.map { $0.termIterator() }
        var heads = try iterators.indices.map { try iterators[$0].next() }
        var docs = [UInt32](), freqs = [UInt32](), positions = [UInt32](), scratch = [UInt32]()
        while true {
            var smallest: [UInt8]? = nil
            for h in heads { if let (t, _) = h, smallest == nil || compare(t, smallest!) < 0 { smallest = t } }
            guard let term = smallest else { break }
            docs.removeAll(keepingCapacity: true)
            freqs.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
            for k in heads.indices {
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
