import IndexFormat
import NewsIngest

/// Serializes a segment's columns (`.cols`, FORMAT.md "Columns"), read by `Columns`.
///
/// Call order: `add` for documents 0, 1, 2 … in order, then `finish` once for the
/// file's bytes. The columns are kept in memory until then (the file is written whole).
struct ColumnsWriter {
    static let sketchSize = Fingerprint.size

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

    var docCount: Int { dates.count }

    /// Every document's field lengths, headline and body interleaved (for the impacts).
    var fieldLengths: [UInt32] { lengths }

    /// Adds the columns of the next document.
    mutating func add(_ c: DocumentColumns) {
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

    /// The whole file: header, the nine sections, the two checksums (version 4), footer.
    func finish() -> [UInt8] {
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
        return cols.bytes
    }
}
