import IndexFormat

/// Byte-level edits of postings for the merge fast paths: a term's postings moved to
/// other document numbers, or the postings of one term in several inputs joined, without
/// decoding them. The bytes written are those that decoding the inputs, renumbering their
/// documents and encoding the result with `PostingsEncoder` would write (the conformance
/// suite checks it); only one-block terms (fewer than 128 documents) of inputs without
/// deletions, in the current layout, qualify.
///
/// Inputs are checked as they are read (documents increasing, below their segment's
/// count), so that a damaged dictionary entry cannot carry other bytes into the merged
/// segment unnoticed.
enum PostingsSplice {
    /// One input's postings of a term.
    struct Part {
        /// The input's postings file (the term's bytes are `range` of it).
        var file: UnsafeRawBufferPointer
        var range: Range<Int>
        var docFreq: Int
        /// The input segment's document count: every document must be below it.
        var docCount: Int
        /// What every document of the input adds in the merged segment.
        var shift: UInt32
        /// The postings file's format version and path (for errors).
        var version: UInt32
        var path: String
    }

    /// Whether `shift` takes a term of one input.
    static func canShift(_ part: Part) -> Bool {
        PostingsFormat.isCurrentLayout(part.version) && part.docFreq < BitPacking.blockSize
    }

    /// The postings of a one-block term whose documents all move by `part.shift`: only the
    /// first document delta changes, the other bytes are copied.
    /// - Complexity: O(bytes of the term).
    static func shift(_ part: Part, into out: inout ByteWriter) throws {
        let source = UnsafeRawBufferPointer(rebasing: part.file[part.range])
        var check = ByteReader(source, file: part.path)
        var doc: Int64 = -1, smallest = UInt64.max
        for _ in 0 ..< part.docFreq {
            let v = try check.vint()
            let delta = min(v >> 1, 1 << 32)
            smallest = min(smallest, delta)
            doc += Int64(delta)
            if v & 1 == 0 { _ = try check.vint() }
        }
        guard smallest > 0, doc < Int64(part.docCount) else {
            throw FormatError.corrupt(file: part.path, detail: "postings hold documents out of order or past the segment's \(part.docCount)")
        }
        var r = ByteReader(source, file: part.path)
        let first = try r.vint()
        out.vint(((first >> 1) + UInt64(part.shift)) << 1 | (first & 1))
        out.append(UnsafeRawBufferPointer(rebasing: source[r.offset...]))
    }

    /// The postings of a term of several inputs (in merged order) that stays one block
    /// (fewer than 128 documents) with every position a varint (fewer than 128 in all):
    /// each input's tail entries are copied but for the first, whose document delta now
    /// starts from the previous input's last document, then each input's positions.
    /// Returns the document count, or nil, with nothing written, when the term does not qualify.
    /// - Complexity: O(bytes of the term's inputs).
    static func join(_ parts: [Part], into out: inout ByteWriter) throws -> Int? {
        guard parts.count > 1, parts.reduce(0, { $0 + $1.docFreq }) < BitPacking.blockSize,
              parts.allSatisfy({ PostingsFormat.isCurrentLayout($0.version) }) else { return nil }
        // Per input: after its first entry's varint, the end of its entries, its first and last documents.
        var spans = [(firstEnd: Int, docEnd: Int, first: Int64, last: Int64, flag: UInt64)]()
        var positions = 0
        for part in parts {
            // Read no further than the term's bytes (the dictionary checked they are in the file).
            var r = ByteReader(UnsafeRawBufferPointer(rebasing: part.file[..<part.range.upperBound]), offset: part.range.lowerBound, file: part.path)
            var doc: Int64 = -1, firstEnd = 0, first: Int64 = 0, flag: UInt64 = 0
            var smallest: UInt64 = .max
            for j in 0 ..< part.docFreq {
                let v = try r.vint()
                // Capped so that no sum overflows; a capped delta is past the segment's end below.
                let delta = min(v >> 1, 1 << 32)
                smallest = min(smallest, delta)
                doc += Int64(delta)
                if j == 0 { firstEnd = r.offset; first = doc; flag = v & 1 }
                positions += v & 1 == 1 ? 1 : try r.count()
            }
            guard smallest > 0, doc < Int64(part.docCount) else {
                throw FormatError.corrupt(file: part.path, detail: "postings at byte \(part.range.lowerBound) hold documents out of order or past the segment's \(part.docCount)")
            }
            spans.append((firstEnd, r.offset, first, doc, flag))
        }
        // Positions must all be varints (words have none).
        guard positions < BitPacking.blockSize || zip(parts, spans).allSatisfy({ $1.docEnd == $0.range.upperBound }) else { return nil }
        var previous: Int64 = -1
        for (part, span) in zip(parts, spans) {
            let shift = Int64(part.shift)
            out.vint(UInt64(span.first + shift - previous) << 1 | span.flag)
            out.append(UnsafeRawBufferPointer(rebasing: part.file[span.firstEnd ..< span.docEnd]))
            previous = span.last + shift
        }
        for (part, span) in zip(parts, spans) {
            out.append(UnsafeRawBufferPointer(rebasing: part.file[span.docEnd ..< part.range.upperBound]))
        }
        return parts.reduce(0) { $0 + $1.docFreq }
    }
}
