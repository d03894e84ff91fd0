import IndexFormat

/// Reads a segment's columns (`.cols`, FORMAT.md "Columns"): fixed-width arrays per
/// document read in place from the memory map, so a filter or a count never touches
/// stored text. Written by `ColumnsWriter`.
///
/// Opening checks what every later read relies on: the document count against the
/// commit's, each section's length against the document count, the region, industry and
/// id start offsets (non-decreasing, the last within its column), and the checksum of
/// what queries read (version 4; older files are checked whole). The accessors then read
/// without checks; they are the per-document reads of filters and scoring, so nothing in
/// them is `private` (release builds export their bodies to NewsSearch).
struct Columns {
    let file: MappedFile
    let version: UInt32
    let docCount: Int

    // Byte offsets of the sections in the file.
    let dates: Int, lengths: Int, clusters: Int
    let regionStarts: Int, regionValues: Int
    let industryStarts: Int, industryValues: Int
    let sketchPresent: Int, sketchValues: Int
    let idStarts: Int, idHeap: Int, idLookup: Int
    let headlineLengthSum: UInt64
    let bodyLengthSum: UInt64
    /// Version 4: where the sketches are and their checksum (checked by `verifySketches`).
    let sketchCheck: (Range<Int>, UInt32)?

    /// Opens `file`, which the commit says holds `expected` documents.
    init(_ file: MappedFile, expected: UInt32) throws {
        self.file = file
        // Version 4 columns check their own checksum of what queries read (below); older ones the whole file.
        version = IndexFile.version(of: file.bytes)
        let body = try FileVersions.open(file.bytes, kind: .columns, file: file.path, checksum: version < 4)

        // Sections end where the body does: a length that runs into the footer is damage too.
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: file.bytes[..<body.upperBound]), offset: body.lowerBound, file: file.path)
        let declared = try r.u32()
        guard declared == expected else {
            throw FormatError.corrupt(file: file.path, detail: "holds \(declared) documents, the commit says \(expected)")
        }
        // Documents are Int32 in postings cursors (Int32.max is their end).
        guard declared < UInt32(Int32.max) else { throw FormatError.corrupt(file: file.path, detail: "holds \(declared) documents") }
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
        let path = file.path
        func expect(_ i: Int, _ size: Int, atLeast: Bool = false) throws {
            guard sizes[i] == size || (atLeast && sizes[i] > size) else {
                throw FormatError.corrupt(file: path, detail: "column \(i) is \(sizes[i]) bytes, expected \(atLeast ? "at least " : "")\(size)")
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
        if version >= 4 {
            let sketches = sections[5] ..< sections[5] + sizes[5]
            let query = try r.u32(), sketch = try r.u32()
            let end = r.offset - 8
            let actual = CRC32.of(UnsafeRawBufferPointer(rebasing: file.bytes[sketches.upperBound ..< end]),
                                  seed: CRC32.of(UnsafeRawBufferPointer(rebasing: file.bytes[..<sketches.lowerBound])))
            guard actual == query else {
                throw FormatError.corrupt(file: file.path, detail: "checksum mismatch in the columns: stored \(IndexFile.hex32(query)), computed \(IndexFile.hex32(actual))")
            }
            sketchCheck = (sketches, sketch)
        } else {
            sketchCheck = nil
        }
        headlineLengthSum = file.bytes.loadUnaligned(fromByteOffset: sections[8], as: UInt64.self)
        bodyLengthSum = file.bytes.loadUnaligned(fromByteOffset: sections[8] + 8, as: UInt64.self)
        // Region, industry and id lists are read in place without checks (filters walk them for
        // every document): their offsets are checked once here.
        try Self.checkStarts(file, at: regionStarts, count: n + 1, limit: (sizes[3] - 4 * (n + 1)) / 4, what: "region lists")
        try Self.checkStarts(file, at: industryStarts, count: n + 1, limit: (sizes[4] - 4 * (n + 1)) / 4, what: "industry lists")
        try Self.checkStarts(file, at: idStarts, count: n + 1, limit: sizes[6] - 4 * (n + 1), what: "article ids")
    }

    /// Checks `count` u32 start offsets at `offset` in the columns: non-decreasing, the last at most `limit`.
    /// - Complexity: O(count), once per open.
    private static func checkStarts(_ file: MappedFile, at offset: Int, count: Int, limit: Int, what: String) throws {
        var previous: UInt32 = 0
        var ordered = true
        for i in 0 ..< count {
            let v = file.bytes.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)
            ordered = ordered && v >= previous
            previous = v
        }
        guard ordered, Int(previous) <= limit else {
            throw FormatError.corrupt(file: file.path, detail: "the offsets of the \(what) are out of order or run past their column")
        }
    }

    @inline(__always)
    func load<T>(_ offset: Int, _: T.Type) -> T { file.bytes.loadUnaligned(fromByteOffset: offset, as: T.self) }

    @inline(__always)
    func date(_ doc: Int) -> Int32? {
        let d: Int32 = load(dates + 4 * doc, Int32.self)
        return d == Int32.min ? nil : d
    }

    @inline(__always)
    func length(_ doc: Int, _ field: Field) -> UInt32 { load(lengths + 8 * doc + 4 * Int(field.rawValue), UInt32.self) }

    /// The length column in place: per document, its headline's and body's token counts (u32 each).
    var lengthPairs: UnsafeRawPointer { file.bytes.baseAddress! + lengths }

    /// Where `field`'s length of document 0 is; document d's is 8 × d bytes further.
    func lengthColumn(_ field: Field) -> UnsafeRawPointer { file.bytes.baseAddress! + lengths + 4 * Int(field.rawValue) }

    @inline(__always)
    func cluster(_ doc: Int) -> UInt64 { load(clusters + 8 * doc, UInt64.self) }

    private func list(_ starts: Int, _ values: Int, _ doc: Int) -> [Int32] {
        let a = Int(load(starts + 4 * doc, UInt32.self)), b = Int(load(starts + 4 * doc + 4, UInt32.self))
        guard a <= b, values + 4 * b <= file.bytes.count else { return [] }
        return (a ..< b).map { load(values + 4 * $0, Int32.self) }
    }

    func regions(_ doc: Int) -> [Int32] { list(regionStarts, regionValues, doc) }
    func industries(_ doc: Int) -> [Int32] { list(industryStarts, industryValues, doc) }

    /// Calls `body` with each region code of `doc` without allocating.
    @inline(__always)
    func forEachRegion(_ doc: Int, _ body: (Int32) -> Void) {
        let a = Int(load(regionStarts + 4 * doc, UInt32.self)), b = Int(load(regionStarts + 4 * doc + 4, UInt32.self))
        for i in a ..< b { body(load(regionValues + 4 * i, Int32.self)) }
    }

    @inline(__always)
    func forEachIndustry(_ doc: Int, _ body: (Int32) -> Void) {
        let a = Int(load(industryStarts + 4 * doc, UInt32.self)), b = Int(load(industryStarts + 4 * doc + 4, UInt32.self))
        for i in a ..< b { body(load(industryValues + 4 * i, Int32.self)) }
    }

    /// Checks the reprint sketches' checksum (version 4; older columns were checked
    /// whole on open). Call before reading sketches.
    func verifySketches() throws {
        guard let (range, expected) = sketchCheck else { return }
        let actual = CRC32.of(UnsafeRawBufferPointer(rebasing: file.bytes[range]))
        guard actual == expected else {
            throw FormatError.corrupt(file: file.path, detail: "checksum mismatch in the reprint sketches: stored \(IndexFile.hex32(expected)), computed \(IndexFile.hex32(actual))")
        }
    }

    func sketch(_ doc: Int) -> [UInt32]? {
        guard file.bytes[sketchPresent + doc] != 0 else { return nil }
        return (0 ..< 32).map { load(sketchValues + 4 * (32 * doc + $0), UInt32.self) }
    }

    func id(_ doc: Int) -> String {
        String(decoding: idBytes(doc), as: UTF8.self)
    }

    /// The UTF-8 bytes of `doc`'s id, in place (empty when the column is damaged).
    func idBytes(_ doc: Int) -> UnsafeRawBufferPointer {
        let a = Int(load(idStarts + 4 * doc, UInt32.self)), b = Int(load(idStarts + 4 * doc + 4, UInt32.self))
        guard a <= b, idHeap + b <= file.bytes.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: file.bytes[idHeap + a ..< idHeap + b])
    }

    /// Documents (deleted or not) whose id is `id`: a binary search of the id lookup by hash.
    /// - Complexity: O(log documents) plus the documents that share the hash.
    func docs(withID id: String) -> [Int] {
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

    /// All columns of `doc`.
    func columns(_ doc: Int) -> DocumentColumns {
        DocumentColumns(id: id(doc), date: date(doc), headlineLength: length(doc, .headline), bodyLength: length(doc, .body),
                        cluster: cluster(doc), regions: regions(doc), industries: industries(doc), sketch: sketch(doc) ?? [])
    }
}
