import IndexFormat

/// Deletion bitmaps (`.del.G`, FORMAT.md "Deletions"): written by the commit that deletes,
/// read whole (and checksummed) when a segment is opened.
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

    /// The deletion bits of a segment of `docCount` documents (bit i set = document i deleted).
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
