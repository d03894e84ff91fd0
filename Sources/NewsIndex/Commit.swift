import IndexFormat

/// A segment as a commit lists it.
public struct SegmentInfo: Equatable, Sendable {
    public var name: String
    public var docCount: UInt32
    /// The commit generation that wrote the segment's current deletion file, 0 = none.
    public var deletionGeneration: UInt64
    public var deletedCount: UInt32

    public var liveCount: Int { Int(docCount) - Int(deletedCount) }

    /// The files of this segment that the commit refers to.
    public var files: [String] {
        [".dict", ".post", ".cols", ".store"].map { name + $0 } + (deletionGeneration > 0 ? ["\(name).del.\(deletionGeneration)"] : [])
    }
}

/// A commit: one consistent state of the index (FORMAT.md "Commit").
public struct Commit: Equatable, Sendable {
    public var generation: UInt64
    public var nextSegment: UInt32
    public var segments: [SegmentInfo]

    public static let prefix = "commit."

    public static func fileName(_ generation: UInt64) -> String {
        let hex = String(generation, radix: 16)
        return prefix + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// The generation named by a commit file name, nil for anything else.
    static func generation(ofFile name: String) -> UInt64? {
        guard name.hasPrefix(prefix), !name.hasSuffix(".tmp") else { return nil }
        return UInt64(name.dropFirst(prefix.count), radix: 16)
    }

    /// The highest generation present in `directory`, if any.
    public static func latestGeneration(in directory: String) throws -> UInt64? {
        try FileSystem.list(directory).compactMap(generation(ofFile:)).max()
    }

    public static func read(directory: String, generation: UInt64) throws -> Commit {
        let path = directory + "/" + fileName(generation)
        let file = try MappedFile(path: path)
        let body = try FileVersions.open(file.bytes, kind: .commit, file: path, checksum: true)
        var r = ByteReader(file.bytes, offset: body.lowerBound, file: path)
        let g = try r.u64()
        guard g == generation else { throw FormatError.corrupt(file: path, detail: "names generation \(g)") }
        let next = try r.u32()
        let count = try r.u32()
        var segments = [SegmentInfo]()
        for _ in 0 ..< count {
            let name = try r.str()
            guard name.hasPrefix("seg-"), !name.contains("/") else { throw FormatError.corrupt(file: path, detail: "bad segment name \(name)") }
            let segment = SegmentInfo(name: name, docCount: try r.u32(), deletionGeneration: try r.u64(), deletedCount: try r.u32())
            guard segment.deletedCount <= segment.docCount else {
                throw FormatError.corrupt(file: path, detail: "segment \(name) has \(segment.deletedCount) of \(segment.docCount) documents deleted")
            }
            segments.append(segment)
        }
        return Commit(generation: g, nextSegment: next, segments: segments)
    }

    /// Publishes this commit: temporary file, fsync, rename, fsync the folder.
    func publish(directory: String) throws {
        var w = FileVersions.begin(.commit)
        w.u64(generation)
        w.u32(nextSegment)
        w.u32(UInt32(segments.count))
        for s in segments {
            w.str(s.name)
            w.u32(s.docCount)
            w.u64(s.deletionGeneration)
            w.u32(s.deletedCount)
        }
        IndexFile.finish(&w)
        try FileSystem.writeAtomically(w.bytes, to: directory + "/" + Self.fileName(generation))
    }

    public var files: Set<String> { Set(segments.flatMap(\.files) + [Self.fileName(generation)]) }
    public var liveCount: Int { segments.reduce(0) { $0 + $1.liveCount } }
}
